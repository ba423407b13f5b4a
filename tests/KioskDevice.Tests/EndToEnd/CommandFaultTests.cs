using System.Globalization;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// A command the kiosk fails on (here: the SD card is full) is answered at once with <c>kiosk-fault</c> and nothing
/// done, and acknowledged: it never sits unacknowledged in the broker's window holding up the other lokets, and the
/// officer's repeat (same id) runs once there is room again.
/// </summary>
public sealed class CommandFaultTests
{
    [Fact]
    public async Task A_command_the_kiosk_fails_on_is_answered_kiosk_fault_and_the_repeat_runs_once_there_is_room()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var counter1 = await CounterSession.StartAsync(kiosk.Broker, 1);
        await using var counter2 = await CounterSession.StartAsync(kiosk.Broker, 2);
        var engine = kiosk.Session.Engine;
        var pages = long.Parse(engine.ReadPragma("page_count")!, CultureInfo.InvariantCulture);
        engine.SetPragmaForTests("max_page_count", pages);

        // Each pause or resume commits a row; the card is full within a few hundred.
        string? failedId = null;
        string? failedType = null;
        for (var i = 0; i < 5_000 && failedId is null; i++)
        {
            var id = $"fill-{i.ToString(CultureInfo.InvariantCulture)}";
            var type = i % 2 == 0 ? "pause" : "resume";
            var reply = await counter1.CommandAsync(id, new { commandId = id, type }, KioskHarness.Wait);
            if (!reply.GetProperty("ok").GetBoolean())
            {
                Assert.Equal("kiosk-fault", reply.GetProperty("errorCode").GetString());
                Assert.Equal(id, reply.GetProperty("commandId").GetString());
                Assert.Equal(type, reply.GetProperty("type").GetString());
                Assert.Contains("hubungi teknisi", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
                failedId = id;
                failedType = type;
            }
        }

        Assert.NotNull(failedId);
        Assert.False(engine.HasRun(failedId));

        // Another loket is answered meanwhile (with the same fault while the card is full), not held behind counter 1.
        var other = await counter2.CommandAsync("c2-while-full", new { commandId = "c2-while-full", type = "pause" }, KioskHarness.Wait);
        Assert.Equal("kiosk-fault", other.GetProperty("errorCode").GetString());

        // Room again (the technician freed the card): the officer's repeat, same id, runs once; so does loket 2's.
        engine.SetPragmaForTests("max_page_count", 1_000_000);
        var repeat = await kiosk.CommandAsync(1, new { commandId = failedId, type = failedType });
        Assert.True(repeat.GetProperty("ok").GetBoolean(), repeat.ToString());
        Assert.True(engine.HasRun(failedId));
        var again = await counter2.CommandAsync("c2-after", new { commandId = "c2-after", type = "pause" }, KioskHarness.Wait);
        Assert.True(again.GetProperty("ok").GetBoolean(), again.ToString());
    }
}
