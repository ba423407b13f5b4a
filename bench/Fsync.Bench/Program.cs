using System.Globalization;
using Kiosk.Fsync.Bench;

// How many fsync/fdatasync calls reach the kernel per commit: N single-document LiteDB commits against N tickets issued
// through the queue engine (SQLite, WAL, synchronous=FULL), each store in its own child process under
//   strace -f -c -e trace=fsync,fdatasync
// A run with 0 commits (open the store, nothing else) is subtracted, so start-up and schema work do not count.
// Usage: ./kiosk.sh bench fsync [--commits N] [--smoke: 20 commits]      (the child: --child litedb|queue --commits N --dir DIR)
var commits = BenchRun.IsSmoke(args) ? 20 : 1_000;
string? child = null;
string? directory = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--commits" when i + 1 < args.Length:
            commits = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--child" when i + 1 < args.Length:
            child = args[++i];
            break;
        case "--dir" when i + 1 < args.Length:
            directory = args[++i];
            break;
        default:
            // A bare word is the ./kiosk.sh bench filter when every benchmark runs; nothing to do with it here.
            break;
    }
}

if (child is not null)
{
    Stores.Commit(child, commits, directory ?? throw new ArgumentException("--child needs --dir"));

    // Exit without closing the store, as a power cut would: only what the commits themselves synced counts.
    Environment.Exit(0);
}

return await BenchRun.RunAsync("Fsync.Bench", () => StraceRun.CompareAsync(commits));
