using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.DayClose;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class DayCloseTests
{
    [Fact]
    public async Task At_closing_time_the_day_closes_and_the_recap_is_written_and_published()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var events = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/events");
        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("bpjs");
        // A press is reported when its ticket is issued; a ticket is callable only once it is marked printed.
        await Eventually.TrueAsync(() => kiosk.Session.Engine.TodayTickets().All(t => t.PrintState == Kiosk.Contract.PrintState.Printed), "both tickets are marked printed");
        await kiosk.CommandAsync(1, new { commandId = "d-call", type = "call-next" });
        await kiosk.CommandAsync(1, new { commandId = "d-serve", type = "serve" });

        // Closing time "00:00" has always passed today: the next check closes the day.
        var service = kiosk.Session.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DayCloseService>().Single();
        var options = kiosk.Session.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.KioskOptions>>().Value;
        options.DayCloseTime = "00:00";
        var closed = await service.CheckAsync(CancellationToken.None);

        Assert.Equal(kiosk.Session.Engine.BusinessDay, closed);
        var csv = RecapFiles.CsvPath(kiosk.Session.DataDirectory, closed!.Value);
        var html = await File.ReadAllTextAsync(RecapFiles.HtmlPath(kiosk.Session.DataDirectory, closed.Value));
        Assert.True(File.Exists(csv));
        Assert.Contains("Rekap Harian Pendaftaran", html, StringComparison.Ordinal);
        Assert.Contains("Selesai dilayani", html, StringComparison.Ordinal);
        JsonElement recap = default;
        await IssueFlowTests.WaitForAsync(events, (_, payload) =>
        {
            var e = JsonDocument.Parse(payload).RootElement;
            recap = e.Clone();
            return e.GetProperty("type").GetString() == DayCloseService.RecapEventType;
        });
        Assert.Equal(2, recap.GetProperty("data").GetProperty("issued").GetInt32());
        Assert.Equal(1, recap.GetProperty("data").GetProperty("served").GetInt32());
        Assert.Equal(1, recap.GetProperty("data").GetProperty("expired").GetInt32());

        var refused = await kiosk.PressAsync("umum");
        Assert.Equal("Refused", refused.Kind);
    }
}
