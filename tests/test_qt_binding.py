"""Facts about the Qt binding that Networker relies on, checked on the version installed."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    happened = Signal(int)


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_false_alone(qapp):
    # PySide6 6.12.0 dropped a reference to True on every emit(): after a few hundred
    # signals the interpreter aborted ("deallocating True or False").
    emitter = Emitter()
    heard: list[int] = []
    emitter.happened.connect(heard.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for number in range(100):
        emitter.happened.emit(number)
    assert len(heard) == 100
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
