using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.District.Tests.Ingest;
using Kiosk.TestSupport;

namespace Kiosk.District.Tests.EndToEnd;

/// <summary>
/// The district service as the installed program (<c>Kiosk.District</c>, its own process) SIGKILLed while it writes a
/// stream of two sites' events, then started again: whatever it had committed but not acknowledged comes again and is
/// a no-op, whatever it had fetched but not committed comes again after the ack wait. Nothing lost, nothing twice.
/// </summary>
[Collection(EndToEndCollectionDefinition.Name)]
public sealed class ServiceCrashTests
{
    private const int PerSite = 1_000;
    private static readonly string[] Sites = ["pkm-a", "pkm-b"];

    [SkippableFact]
    public async Task The_service_sigkilled_mid_batch_resumes_with_nothing_lost_and_nothing_twice()
    {
        var missing = IngestWorld.Missing();
        Skip.If(missing is not null, missing);
        var program = Repository.Path("District", "bin", "Release", "net10.0", "Kiosk.District.dll");
        Skip.IfNot(File.Exists(program), $"{program} is not built (./kiosk.sh test builds it).");
        await using var world = await IngestWorld.StartAsync("district_crash");

        var publishing = Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= PerSite; sequence++)
            {
                foreach (var site in Sites)
                {
                    var ticket = IngestWorld.Ticket(Guid.NewGuid(), sequence, TicketState.Waiting);
                    Assert.True(await world.PublishEventAsync(IngestWorld.Event(site, sequence, EventTypes.TicketIssued, ticket)));
                }
            }
        });

        var first = StartService(program, world);
        try
        {
            // Killed while rows are still coming: part of the stream written, part fetched and in flight, part not read.
            await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") >= 300, "the first rows from the running service", TimeSpan.FromMinutes(2));
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var rowsAtKill = world.Scalar("SELECT count(*) FROM events");
        await publishing.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(rowsAtKill < Sites.Length * PerSite, $"the service was killed after it had written everything ({rowsAtKill} rows)");

        await using var second = StartService(program, world);
        // The ack wait (30 s here) brings back what the killed process had fetched and never acknowledged.
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") >= Sites.Length * PerSite,
            "every event after the restart", TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM tickets") >= Sites.Length * PerSite, "every ticket projected", TimeSpan.FromMinutes(1));

        Assert.Equal(Sites.Length * PerSite, world.Scalar("SELECT count(*) FROM events"));
        Assert.Equal(Sites.Length * PerSite, world.Scalar("SELECT count(DISTINCT (site, sequence)) FROM events"));
        Assert.Equal(Sites.Length * PerSite, world.Scalar("SELECT count(DISTINCT event_id) FROM events"));
        Assert.Equal(Sites.Length * PerSite, world.Scalar("SELECT count(*) FROM tickets"));
        foreach (var site in Sites)
        {
            Assert.Equal(PerSite, world.Scalar($"SELECT max(sequence) FROM events WHERE site = '{site}'"));
        }
    }

    /// <summary>The installed program with the settings <c>district-setup</c> would give it, as environment variables.</summary>
    private static ChildProcess StartService(string program, IngestWorld world)
    {
        var start = ChildProcess.StartInfo("dotnet");
        start.ArgumentList.Add(program);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Kiosk.Broker.LoopbackPorts.Take()}"));
        var settings = world.Nats.DistrictServiceSettings(world.ConnectionString);
        settings["District:BatchSize"] = "100";
        settings["District:AckWait"] = "00:00:30";
        settings["District:FetchWait"] = "00:00:01";
        settings["District:RetryMax"] = "00:00:00.500";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return ChildProcess.Start(start, "Kiosk.District");
    }
}
