using Kiosk.Contract;
using Kiosk.Queue;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using LiteDB;

namespace Kiosk.Fsync.Bench;

/// <summary>The child side: open one store in a fresh folder and make N commits, one document or one ticket each.</summary>
internal static class Stores
{
    public static void Commit(string store, int commits, string directory)
    {
        Directory.CreateDirectory(directory);
        switch (store)
        {
            case "litedb":
                LiteDb(Path.Combine(directory, "litedb.db"), commits);
                break;
            case "queue":
                Queue(Path.Combine(directory, "queue.db"), commits);
                break;
            default:
                throw new ArgumentException($"unknown store {store} (litedb or queue)");
        }
    }

    /// <summary>LiteDB's default: every Insert outside an explicit transaction is its own committed transaction.</summary>
    private static void LiteDb(string path, int commits)
    {
        var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var tickets = database.GetCollection("tickets");
        tickets.EnsureIndex("number");
        for (var i = 1; i <= commits; i++)
        {
            tickets.Insert(new BsonDocument
            {
                ["number"] = $"A-{i:000}",
                ["service"] = "A",
                ["category"] = "Lama",
                ["payer"] = "Bpjs",
                ["issuedAt"] = DateTime.UtcNow,
            });
        }

        GC.KeepAlive(database);
    }

    /// <summary>The kiosk's own path: IssueTicket commits the ticket row and its outbox row in one transaction.</summary>
    private static void Queue(string path, int commits)
    {
        var options = new QueueEngineOptions { DatabasePath = path, SiteId = "bench", TimeZoneId = "Asia/Jakarta" };
        options.Services.Add(new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS" });
        var counter = new CounterOptions { Id = "L1", Name = "Loket 1" };
        counter.Services.Add("A");
        options.Counters.Add(counter);
        var engine = QueueEngine.Open(options, TimeProvider.System, null);
        var request = new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs);
        for (var i = 0; i < commits; i++)
        {
            engine.IssueTicket(request);
        }

        GC.KeepAlive(engine);
    }
}
