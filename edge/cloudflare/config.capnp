# The offers API on workerd: the Worker (worker.ts, bundled to build/worker.mjs by
# `npx vite build -c edge/cloudflare/vite.config.ts`) and the sharded catalog directory it
# reads through a service binding, served by workerd's `disk` service.
#
#   OFFERWISE_ORIGINS=https://shop.example npx workerd serve edge/cloudflare/config.capnp \
#     --directory-path catalog=path/to/catalog-dir --socket-addr http=127.0.0.1:8787
#
# `--directory-path` names the directory holding index.json (the one `offerwise build --shard`
# wrote); `--socket-addr` overrides the address below.

using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "offers", worker = .offersWorker),
    # index.json and shards/{n}.json, answered to GET; read-only, no dotfiles. The path comes
    # from the command line (--directory-path catalog=<dir>).
    (name = "catalog", disk = (writable = false)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "offers")],
);

const offersWorker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "build/worker.mjs")],
  compatibilityDate = "2025-09-01",
  bindings = [
    # The catalog directory, reached with fetch(); the Worker sees nothing else of the disk.
    (name = "CATALOG", service = "catalog"),
    # Store origins allowed to read the answers (CORS), comma-separated or `*`.
    (name = "ORIGINS", fromEnvironment = "OFFERWISE_ORIGINS"),
  ],
);
