"""Qt item models and the change hub: QtCore/QtGui only, never widgets."""
