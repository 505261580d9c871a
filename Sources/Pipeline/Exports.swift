// The programme's words (Period, Submitter, Issue, ProgrammeCalendar) are the
// application layer's own: every surface that imports Pipeline speaks them.
@_exported import Vocabulary

// A ledger the commands refuse to open (damaged, empty, not a ledger): they
// print it, with the way back, and exit 2.
@_exported import struct Ledger.LedgerRefusal
