using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Tests.Units;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// What a real kiosk tells people, captured as they receive it: a loket's reply while it is on a break, the status
/// sentence the lokets read after a failed print, and the patient's answer. Only catalogue sentences: no English from
/// the transport (that detail is for the technician's log) and no doubled words.
/// </summary>
public sealed class WordsThatReachPeopleTests
{
    // The transport's own wording for a USB printer that went away, as a technician once saw it on the status topic.
    private const string TransportDetail =
        "Job not sent: device /dev/usb/lp0 cannot be reached: Cannot open /dev/usb/lp0: No such device or address (errno 6)";

    [Fact]
    public async Task A_reply_to_a_loket_on_a_break_names_the_counter_once_in_Indonesian()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        var paused = await AskAsync(kiosk, 1, "break-1", "pause");
        Assert.True(paused.GetProperty("ok").GetBoolean(), paused.ToString());

        var refused = await AskAsync(kiosk, 1, "break-2", "call-next");

        Assert.False(refused.GetProperty("ok").GetBoolean(), refused.ToString());
        var message = refused.GetProperty("message").GetString()!;
        Assert.Contains("sedang istirahat", message, StringComparison.Ordinal);
        Assert.True(HumanText.Problems(message).Length == 0, $"{HumanText.Problems(message)} in \"{message}\"");
    }

    [Fact]
    public async Task A_failed_print_is_told_by_its_cause_in_Indonesian_and_the_transports_English_stays_in_the_log()
    {
        // No status polling during the test, so the failure stays the last word until the test has read it.
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string> { ["Kiosk:Printer:StatusPollSeconds"] = "600" });
        await using var status = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/kiosk/+/status");
        kiosk.Session.Printer.FailNextJob(PrintFailureKind.Offline, TransportDetail);

        var failed = await kiosk.PressAsync("umum");
        string? sentence = null;
        await IssueFlowTests.WaitForAsync(status, (_, payload) =>
        {
            var root = JsonDocument.Parse(payload).RootElement;
            sentence = root.GetProperty("message").GetString();
            return root.GetProperty("printer").GetString() == "offline";
        });

        Assert.Equal("PrintFailed", failed.Kind);
        foreach (var told in new[] { failed.Message, sentence! })
        {
            Assert.Contains("printer tidak dapat dihubungi", told, StringComparison.Ordinal);
            Assert.DoesNotContain("/dev/usb/lp0", told, StringComparison.Ordinal);
            Assert.True(HumanText.Problems(told).Length == 0, $"{HumanText.Problems(told)} in \"{told}\"");
        }
    }

    /// <summary>
    /// Asks as the loket page does: the same command id again every 2 s until the kiosk answers (a just-started kiosk
    /// may not have subscribed yet, and a repeated id only replays the stored answer), within the house's 20 s.
    /// </summary>
    private static async Task<JsonElement> AskAsync(KioskHarness kiosk, int counter, string commandId, string type)
    {
        var user = kiosk.User(BrokerRoles.Counter(counter));
        await using var replies = await MosquittoSubscriber.StartAsync(kiosk.Broker, user, KioskHarness.Topics.Reply(counter));
        var payload = JsonSerializer.Serialize(new { commandId, type });
        var deadline = DateTime.UtcNow + KioskHarness.Wait;
        while (true)
        {
            await MosquittoClients.PublishAsync(kiosk.Broker, user, KioskHarness.Topics.Command(counter), payload);
            var again = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            try
            {
                while (true)
                {
                    var left = again - DateTime.UtcNow;
                    var (_, reply) = await replies.NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
                    var root = JsonDocument.Parse(reply).RootElement;
                    if (root.GetProperty("commandId").GetString() == commandId)
                    {
                        return root.Clone();
                    }
                }
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not answered yet: ask again with the same id.
            }
        }
    }
}
