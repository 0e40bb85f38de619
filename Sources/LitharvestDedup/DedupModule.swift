// LitharvestDedup groups records from many databases into clusters of the same study, keeping every
// member and its provenance.
import LitharvestModel
