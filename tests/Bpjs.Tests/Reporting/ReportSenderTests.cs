using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Tests.References;
using Kiosk.Bpjs.Text;
using Kiosk.Contract.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>What the sender stores for each answer, one report at a time on a real outbox file.</summary>
public sealed class ReportSenderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bpjs-sender-").FullName;
    private readonly FakeTimeProvider time = new(TicketScript.Morning);
    private readonly ReportOutbox outbox;
    private readonly RecordingAntreanClient bpjs = new();
    private readonly RecordingCardSource cards = new();
    private readonly OutboxSignal signal = new();
    private readonly ListedReferensi referensi = new();
    private readonly ReferenceStore store;
    private readonly BpjsReferences references;
    private readonly ReportSender sender;

    public ReportSenderTests()
    {
        outbox = ReportOutbox.Open(Path.Combine(folder, "outbox.db"), time);
        store = ReferenceStore.Open(Path.Combine(folder, "outbox.db"));
        references = new BpjsReferences(referensi, store, new Dictionary<string, string> { ["P-UMUM"] = "001" }, time, NullLogger<BpjsReferences>.Instance);
        sender = new ReportSender(outbox, bpjs, cards, references, new RetrySchedule(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)), signal, time, NullLogger<ReportSender>.Instance);
    }

    public void Dispose()
    {
        sender.Dispose();
        signal.Dispose();
        outbox.Dispose();
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<OutboxReport> SendOneAsync()
    {
        var ticket = TicketScript.Ticket("B-001", print: Kiosk.Contract.PrintState.Printed);
        var planned = Assert.IsType<MapDecision.Report>(new ReportMapper(new Dictionary<string, string> { ["P-UMUM"] = "001" })
            .Map(new TicketScript("pkm-send").Event(EventTypes.TicketPrinted, ticket))).Planned;
        outbox.Add(planned);
        await sender.SendAsync(Assert.Single(outbox.Due(10)), CancellationToken.None);
        return Assert.Single(outbox.All());
    }

    [Fact]
    public async Task Already_exists_at_BPJS_counts_as_done()
    {
        bpjs.Answer = _ => new BpjsOutcome(BpjsOutcomeKind.AlreadyDone, 208, "Antrean sudah ada");

        var report = await SendOneAsync();

        Assert.Equal((ReportState.AlreadyDone, 1), (report.State, report.Attempts));
        Assert.Null(outbox.Backlog().Text);
    }

    [Fact]
    public async Task A_retry_is_scheduled_within_the_first_wait_and_keeps_BPJS_s_message()
    {
        bpjs.Answer = _ => new BpjsOutcome(BpjsOutcomeKind.Retry, 503, "Service Unavailable");

        var report = await SendOneAsync();

        Assert.Equal((ReportState.Pending, 1, "Service Unavailable"), (report.State, report.Attempts, report.LastError));
        Assert.InRange(report.NextAttemptAt, time.GetUtcNow().AddSeconds(2.5), time.GetUtcNow().AddSeconds(5));
        Assert.Empty(outbox.Due(10));
    }

    [Fact]
    public async Task The_first_report_BPJS_takes_after_an_outage_brings_the_waiting_ones_forward()
    {
        var mapper = new ReportMapper(new Dictionary<string, string> { ["P-UMUM"] = "001" });
        var script = new TicketScript("pkm-send");
        var waiting = TicketScript.Ticket("B-001", print: Kiosk.Contract.PrintState.Printed);
        var later = TicketScript.Ticket("B-002", print: Kiosk.Contract.PrintState.Printed);
        var silent = TicketScript.Ticket("B-003", print: Kiosk.Contract.PrintState.Printed);
        cards.Silent[silent.TicketId] = true;
        foreach (var ticket in new[] { waiting, silent })
        {
            outbox.Add(Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(EventTypes.TicketPrinted, ticket))).Planned);
        }

        bpjs.Answer = _ => RecordingAntreanClient.Down;
        foreach (var report in outbox.Due(10))
        {
            await sender.SendAsync(report, CancellationToken.None);
        }

        Assert.Empty(outbox.Due(10));
        bpjs.Answer = _ => RecordingAntreanClient.Delivered;
        outbox.Add(Assert.IsType<MapDecision.Report>(mapper.Map(script.Event(EventTypes.TicketPrinted, later))).Planned);
        await sender.SendAsync(Assert.Single(outbox.Due(10)), CancellationToken.None);

        Assert.Equal(new[] { waiting.TicketId, silent.TicketId }.Order(), outbox.Due(10).Select(r => r.TicketId).Order());
    }

    [Fact]
    public async Task A_client_that_throws_anyway_is_a_retry_not_the_end_of_the_loop()
    {
        bpjs.Answer = _ => throw new HttpRequestException("connection refused");

        var report = await SendOneAsync();

        Assert.Equal((ReportState.Pending, 1, BpjsTeks.SendFailed), (report.State, report.Attempts, report.LastError));
    }

    [Fact]
    public async Task No_card_from_the_kiosk_is_a_refusal_without_calling_BPJS()
    {
        bpjs.Answer = _ => throw new InvalidOperationException("BPJS must not be called without a card");
        var ticket = TicketScript.Ticket("B-009", print: Kiosk.Contract.PrintState.Printed);
        cards.WithoutCard[ticket.TicketId] = true;
        var planned = Assert.IsType<MapDecision.Report>(new ReportMapper(new Dictionary<string, string> { ["P-UMUM"] = "001" })
            .Map(new TicketScript("pkm-send").Event(EventTypes.TicketPrinted, ticket))).Planned;
        outbox.Add(planned);

        await sender.SendAsync(Assert.Single(outbox.Due(10)), CancellationToken.None);

        Assert.Empty(bpjs.Calls);
        Assert.Equal($"B-009: Laporan BPJS ditolak: {BpjsTeks.NoCard}", Assert.Single(outbox.RefusedTickets()).Text);
    }
}
