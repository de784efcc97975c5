from django.dispatch import Signal

# Sent after the transaction commits; kwargs: design, from_state, to_state.
design_state_changed = Signal()

# Sent while a design page builds its schema.org CreativeWork; kwargs: design, request.
# Receivers (higher apps) return a dict merged into it, e.g. voting's vote counts.
design_structured_data = Signal()
