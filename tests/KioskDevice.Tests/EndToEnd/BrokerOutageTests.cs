using System.Text.Json;
using Kiosk.Broker;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Tickets_issued_while_the_broker_is_down_reach_the_displays_in_order_when_it_returns()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var display = await MosquittoSubscriber.StartPersistentAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), "outage-display", $"{kiosk.Root}/events");
        var before = kiosk.Session.Engine.GetSnapshot().Sequence;
        await Eventually.TrueAsync(() => kiosk.Session.Engine.ReadOutbox(10).Count == 0, "the start-up events are published");

        await kiosk.Broker.StopAsync();
        for (var i = 1; i <= 3; i++)
        {
            var printed = await kiosk.PressAsync("umum");
            Assert.Equal($"A-00{i}", printed.Number);
        }

        Assert.NotEmpty(kiosk.Session.Engine.ReadOutbox(100));
        await kiosk.Broker.RestartAsync();

        var last = kiosk.Session.Engine.GetSnapshot().Sequence;
        var seen = new SortedDictionary<long, string>();
        while (!Enumerable.Range((int)before + 1, (int)(last - before)).All(s => seen.ContainsKey(s)))
        {
            var (_, payload) = await display.NextAsync(KioskHarness.Wait);
            var e = JsonDocument.Parse(payload).RootElement;
            seen[e.GetProperty("sequence").GetInt64()] = e.GetProperty("type").GetString()!;
        }

        var issued = seen.Where(s => s.Key > before && s.Value == "ticket.issued").ToList();
        Assert.Equal(3, issued.Count);
        await Eventually.TrueAsync(() => kiosk.Session.Engine.ReadOutbox(100).Count == 0, "the outbox is drained");
    }
}
