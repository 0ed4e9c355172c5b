"""Station side of sync: the outbox pusher, the change puller and the worker that runs them."""
