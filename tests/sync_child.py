"""A station process for the crash test: makes pick events and pushes them until killed.

``python -m tests.sync_child DATA_DIR URL ORDER LINE SKU BIN COUNT`` (token in
``WS_TEST_TOKEN``). Each event is committed to the outbox on its own (as a picker's action
would be), and every few events the outbox is pushed in small batches, so a SIGKILL lands at
any point: between events, mid-push, after the server applied a batch but before this side
marked it sent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    data_dir, url, order, line, sku, location, count = argv
    from app.bootstrap import open_core
    from app.config import StationConfig
    from app.sync import events as ev
    from app.sync.client import SyncClient
    from app.sync.engine import SyncEngine

    core = open_core(StationConfig(station_id="crash-st"), Path(data_dir), seed_demo=False)
    client = SyncClient(url, "crash-st", os.environ["WS_TEST_TOKEN"], timeout_s=10)
    engine = SyncEngine(core.uow, client, push_batch=7)
    for i in range(int(count)):
        with core.uow() as uow:
            uow.add_event(ev.PICK_CONFIRMED, ev.pick_confirmed(order, int(line), sku, location, 1))
            uow.commit()
        if i % 5 == 4:
            engine.push_pending()
        print(i, flush=True)
    engine.push_pending()
    client.close()
    core.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
