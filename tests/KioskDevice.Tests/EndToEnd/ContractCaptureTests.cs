using System.Text;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Device.DayClose;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// One full working day through the real kiosk and broker, every message captured by independent witnesses
/// (mosquitto_sub as the display and as loket 1) and validated against docs/asyncapi.yaml: 0 violations allowed.
/// </summary>
public sealed class ContractCaptureTests
{
    [Fact]
    public async Task A_full_working_day_on_the_wire_has_no_schema_violation()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var display = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), KioskHarness.Topics.All);
        await using var loket = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Counter(1)), KioskHarness.Topics.Reply(1));
        var commands = new List<(string Topic, string Payload)>();
        var n = 0;

        async Task<JsonElement> Command(CounterCommandMessage command)
        {
            var payload = ContractJson.Serialize(command with { CommandId = $"day-{++n}", SentAt = DateTimeOffset.UtcNow });
            commands.Add((KioskHarness.Topics.Command(1), payload));
            var reply = await kiosk.CommandRawAsync(1, payload);
            Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
            return reply;
        }

        CounterCommandMessage Of(CommandType type) => new() { CommandId = "-", Type = type };

        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("umum");
        await kiosk.PressAsync("lansia");

        await Command(Of(CommandType.CallNext));
        await Command(Of(CommandType.Recall));
        var skipped = await Command(Of(CommandType.Skip));
        var number = skipped.GetProperty("ticket").GetProperty("number").GetString();
        await Command(Of(CommandType.Return) with { TicketNumber = number });
        await Command(Of(CommandType.Call) with { TicketNumber = number });
        await Command(Of(CommandType.Serve));
        await Command(Of(CommandType.CallNext));
        await Command(Of(CommandType.Transfer) with { Poli = "P-GIGI" });
        await Command(Of(CommandType.CallNext));
        await Command(Of(CommandType.Cancel));
        await Command(Of(CommandType.Emergency) with { Service = "UGD", Category = Contract.PatientCategory.Baru, Priority = Contract.PriorityKind.Lansia, Reason = "Kecelakaan" });
        await Command(Of(CommandType.Serve));
        await Command(Of(CommandType.Pause));
        await Command(Of(CommandType.Resume));

        kiosk.Session.Printer.FailNextJob(PrintFailureKind.PaperOut, "paper ran out mid-ticket");
        await kiosk.PressAsync("umum");
        await Eventually.TrueAsync(() => kiosk.Receipts.Any(r => r.Text.Contains("CETAK ULANG", StringComparison.Ordinal)), "the failed ticket is reprinted");

        var service = kiosk.Session.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DayCloseService>().Single();
        var options = kiosk.Session.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.KioskOptions>>().Value;
        options.DayCloseTime = "00:00";
        Assert.NotNull(await service.CheckAsync(CancellationToken.None));

        // Everything the display saw until the recap, then what was still on its way (the last state and board lines).
        var seen = new List<(string Topic, string Payload)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!seen.Any(m => m.Topic == KioskHarness.Topics.Events && m.Payload.Contains("\"day.recap\"", StringComparison.Ordinal)))
        {
            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, "the day.recap event never arrived");
            seen.Add(await display.NextAsync(remaining));
        }

        await DrainAsync(display, seen);
        await DrainAsync(loket, seen);
        seen.AddRange(commands);

        var contract = ContractDocument.Load();
        var violations = seen.SelectMany(m => contract.ValidateMessage(KioskHarness.Topics, m.Topic, Encoding.UTF8.GetBytes(m.Payload))).ToList();
        // Root causes first: a failing member also makes its object fail "unevaluatedProperties" and the null branch.
        var shown = violations.OrderBy(v => v.Contains("false schema", StringComparison.Ordinal) || v.Contains("should be \"null\"", StringComparison.Ordinal)).Distinct().Take(30);
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n{string.Join("\n", shown)}");

        var types = seen.Where(m => m.Topic == KioskHarness.Topics.Events)
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString()).ToHashSet();
        string[] expected =
        [
            EventTypes.TicketIssued, EventTypes.TicketPrinted, EventTypes.TicketPrintFailed, EventTypes.TicketCalled, EventTypes.TicketRecalled,
            EventTypes.TicketSkipped, EventTypes.TicketReturned, EventTypes.TicketServed, EventTypes.TicketTransferred, EventTypes.TicketCancelled,
            EventTypes.TicketExpired, EventTypes.CounterPaused, EventTypes.CounterResumed, EventTypes.DayClosed, EventTypes.DayRecap,
        ];
        Assert.All(expected, t => Assert.Contains(t, types));
        Assert.Contains(seen, m => m.Topic == KioskHarness.Topics.State);
        Assert.Contains(seen, m => m.Topic == KioskHarness.Topics.Display(1));
        Assert.Contains(seen, m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Topic.Contains("/kiosk/", StringComparison.Ordinal));
        Assert.Contains(seen, m => m.Topic == KioskHarness.Topics.Reply(1));
    }

    [Fact]
    public void The_validator_fails_a_message_that_breaks_the_contract()
    {
        var contract = ContractDocument.Load();
        var good = """{"contractVersion":"1.0","commandId":"x","counterId":"1","type":"serve","ok":true,"message":"ok","errorCode":null,"ticket":null,"newTicket":null}""";

        Assert.Empty(contract.ValidateMessage(KioskHarness.Topics, KioskHarness.Topics.Reply(1), Encoding.UTF8.GetBytes(good)));
        Assert.NotEmpty(contract.ValidateMessage(KioskHarness.Topics, KioskHarness.Topics.Reply(1), Encoding.UTF8.GetBytes(good.Replace("\"serve\"", "\"ServeDone\"", StringComparison.Ordinal))));
        Assert.NotEmpty(contract.ValidateMessage(KioskHarness.Topics, KioskHarness.Topics.Reply(1), Encoding.UTF8.GetBytes(good.Replace(",\"errorCode\":null", "", StringComparison.Ordinal))));
        Assert.NotEmpty(contract.ValidateMessage(KioskHarness.Topics, KioskHarness.Topics.Root + "/unknown", "{}"u8));
    }

    private static async Task DrainAsync(MosquittoSubscriber subscriber, List<(string Topic, string Payload)> into)
    {
        while (true)
        {
            try
            {
                into.Add(await subscriber.NextAsync(TimeSpan.FromSeconds(1)));
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }
}
