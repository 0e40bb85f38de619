package import Yams

/// A mapping entry whose key is a scalar, as the YAML readers walk it.
package struct YAMLEntry {
    /// The key's text.
    package var key: String
    /// The key's node, where problems about the key (unknown, missing value) point.
    package var keyNode: Node
    /// The value's node.
    package var value: Node

    /// Creates an entry.
    package init(key: String, keyNode: Node, value: Node) {
        self.key = key
        self.keyNode = keyNode
        self.value = value
    }
}
