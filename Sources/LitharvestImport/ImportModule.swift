// LitharvestImport reads the export files reviewers download (RIS, MEDLINE/nbib, EndNote XML, BibTeX,
// CSV, Excel) into records. It depends on the core model only, so connectors can reuse it for databases
// whose only route is an export file.
import LitharvestCore
