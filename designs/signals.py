from django.dispatch import Signal

# Sent after the transaction commits; kwargs: design, from_state, to_state.
design_state_changed = Signal()
