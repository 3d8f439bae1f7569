"""One scene per screen: start, main, hand-over, month summary, debrief, loading."""
