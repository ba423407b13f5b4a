using Kiosk.Bpjs.Reporting;
using Kiosk.Contract;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Bpjs.Text;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Events;
using Kiosk.Contract.Topics;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Status;

/// <summary>
/// The bridge's retained status, read as a loket reads it (<c>counter-1</c> on the real broker): the all-clear at start,
/// the backlog line while BPJS is down, today's refused ticket with its reason, and the latest status for a late reader.
/// </summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class BridgeStatusTests
{
    private static readonly SiteTopics Topics = new(BridgeRig.Site);

    [Fact]
    public async Task A_loket_reads_the_all_clear_then_the_backlog_then_the_refused_ticket_and_a_late_loket_reads_the_latest()
    {
        await using var rig = await BridgeRig.StartAsync();
        var waiting = TicketScript.Ticket("B-001", print: PrintState.Printed);
        var noCard = TicketScript.Ticket("B-002", print: PrintState.Printed);
        rig.Cards.WithoutCard[noCard.TicketId] = true;
        var bpjsUp = false;
        rig.Bpjs.Answer = _ => bpjsUp ? RecordingAntreanClient.Delivered : RecordingAntreanClient.Down;
        await using var loket = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus);
        await rig.StartBridgeAsync();

        var first = await NextStatusAsync(loket);
        Assert.True(first.AllClear);
        Assert.Equal((0, null, 0), (first.Backlog, first.BacklogText, first.Refused.Count));

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, waiting));
        var backlog = await StatusWhereAsync(loket, rig, s => s.Backlog == 1);
        Assert.Equal("1 laporan BPJS menunggu koneksi sejak 08.15", backlog.BacklogText);
        Assert.Equal(TimeSpan.FromHours(7), backlog.At.Offset);

        await rig.PublishAsync(rig.Script.Bytes(EventTypes.TicketPrinted, noCard, minutes: 2));
        var refused = await StatusWhereAsync(loket, rig, s => s.RefusedToday == 1);
        Assert.Equal([new BpjsRefusedTicket(noCard.TicketId, "B-002", BpjsTeks.NoCard)], refused.Refused);

        bpjsUp = true;
        var drained = await StatusWhereAsync(loket, rig, s => s.Backlog == 0);
        Assert.Equal((null, 1), (drained.BacklogText, drained.RefusedToday));

        // Retained: a loket that logs in now reads the latest status at once.
        await using var late = await MosquittoSubscriber.StartAsync(rig.Broker, rig.Broker.For("counter-1"), Topics.BpjsStatus);
        var latest = await NextStatusAsync(late);
        Assert.Equal((0, 1, "B-002"), (latest.Backlog, latest.RefusedToday, latest.Refused[0].Number));
    }

    private static async Task<BpjsBridgeStatus> NextStatusAsync(MosquittoSubscriber subscriber)
    {
        var (_, payload) = await subscriber.NextAsync(Eventually.DefaultTimeout);
        Assert.True(BpjsBridgeStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(payload), out var status, out var why), why);
        return status;
    }

    /// <summary>Reads statuses while the rig's fake clock moves the retries on, until one says what is awaited.</summary>
    private static async Task<BpjsBridgeStatus> StatusWhereAsync(MosquittoSubscriber subscriber, BridgeRig rig, Func<BpjsBridgeStatus, bool> wanted)
    {
        BpjsBridgeStatus? found = null;
        var reading = Task.Run(async () =>
        {
            while (true)
            {
                var status = await NextStatusAsync(subscriber);
                if (wanted(status))
                {
                    found = status;
                    return;
                }
            }
        });
        await rig.UntilAsync(() => reading.IsCompleted, "the loket reads the awaited status");
        await reading;
        return found!;
    }
}
