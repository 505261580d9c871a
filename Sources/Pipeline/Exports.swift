// The programme's words (Period, Submitter, Issue, ProgrammeCalendar) are the
// application layer's own: every surface that imports Pipeline speaks them.
@_exported import Vocabulary
