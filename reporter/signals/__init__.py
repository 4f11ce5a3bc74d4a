"""Signals stage: pure functions of a document (and its article view).

Order matters only through data: boilerplate decides which sentences are the
article; attribution finds quotes; loaded language uses the quotes to tell the
outlet's voice from a speaker's.
"""
