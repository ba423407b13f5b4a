using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// Sends the outbox's due reports to BPJS and stores what became of each: delivered or already done → finished;
/// refused → that ticket stops, with the reason kept for the officer; retry → tried again after a growing wait. The
/// card is asked from the kiosk at each send (never stored here): no card for the ticket is a refusal made by the
/// bridge, a kiosk that does not answer in time is a retry. A report is marked only after BPJS answered, so a crash
/// mid-send only means one resend, which BPJS answers "already exists" (counted as done).
/// </summary>
public sealed partial class ReportSender(
    ReportOutbox outbox,
    IAntreanFktpClient bpjs,
    ICardNumberSource cards,
    BpjsReferences references,
    RetrySchedule retry,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<ReportSender> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>Set when BPJS (not the kiosk) last answered "try again": the next report it takes ends the outage.</summary>
    private bool bpjsUnreachable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<OutboxReport> due;
            try
            {
                due = outbox.Due(BatchSize);
                foreach (var report in due)
                {
                    await SendAsync(report, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // A failing disk: what BPJS answered may be unrecorded, so the report goes again later ("already
                // exists" then counts as done). The loop lives on; the reader keeps its events unacknowledged meanwhile.
                LogOutboxFailed(e);
                await Task.Delay(retry.Min, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (due.Count == BatchSize)
            {
                continue;
            }

            await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task SendAsync(OutboxReport report, CancellationToken stoppingToken)
    {
        BpjsOutcome outcome;
        var askedBpjs = false;
        try
        {
            var card = await cards.CardOfAsync(report.TicketId, stoppingToken).ConfigureAwait(false);
            if (card is null || (card.NomorKartu.Length == 0 && card.Nik.Length == 0))
            {
                outcome = new BpjsOutcome(BpjsOutcomeKind.Refused, null, BpjsTeks.NoCard);
            }
            else
            {
                askedBpjs = true;
                outcome = await CallAsync(report, card, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            outcome = new BpjsOutcome(BpjsOutcomeKind.Retry, null, BpjsTeks.KioskNoAnswer);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // The seams promise outcomes, not exceptions; one that throws anyway must not end the loop other tickets wait on.
            LogSendThrew(e, report.Kind, report.TicketNumber);
            outcome = new BpjsOutcome(BpjsOutcomeKind.Retry, null, BpjsTeks.SendFailed);
        }

        Apply(report, outcome);
        if (askedBpjs)
        {
            NoteLink(outcome.Kind);
        }
    }

    /// <summary>
    /// After an outage the first report BPJS takes brings every waiting one forward, so a morning's backlog goes out at
    /// once rather than up to the back-off cap later. Only BPJS's own answers count: a kiosk that is slow to give a card
    /// says nothing about the link, and bringing its report forward after every send would only repeat the wait.
    /// </summary>
    private void NoteLink(BpjsOutcomeKind kind)
    {
        if (kind == BpjsOutcomeKind.Retry)
        {
            bpjsUnreachable = true;
        }
        else if (kind is BpjsOutcomeKind.Delivered or BpjsOutcomeKind.AlreadyDone && bpjsUnreachable)
        {
            bpjsUnreachable = false;
            LogLinkBack(outbox.BringForward());
        }
    }

    private Task<BpjsOutcome> CallAsync(OutboxReport report, JknCard card, CancellationToken stoppingToken) =>
        BpjsJson.WithCard(report.Kind, report.Body, card) switch
        {
            TambahAntrean tambah => bpjs.TambahAntreanAsync(references.Fill(tambah), stoppingToken),
            PanggilAntrean panggil => bpjs.PanggilAntreanAsync(panggil, stoppingToken),
            BatalAntrean batal => bpjs.BatalAntreanAsync(batal, stoppingToken),
            var other => throw new InvalidOperationException($"no call for {other.GetType().Name}"),
        };

    private void Apply(OutboxReport report, BpjsOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case BpjsOutcomeKind.Delivered:
                outbox.MarkDone(report.Id, ReportState.Delivered);
                LogDone(report.Kind, report.TicketNumber, report.Attempts + 1, outcome.Code);
                break;
            case BpjsOutcomeKind.AlreadyDone:
                outbox.MarkDone(report.Id, ReportState.AlreadyDone);
                LogDone(report.Kind, report.TicketNumber, report.Attempts + 1, outcome.Code);
                break;
            case BpjsOutcomeKind.Refused:
                outbox.Refuse(report.Id, outcome.Message);
                LogRefused(report.Kind, report.TicketNumber, outcome.Code, outcome.Message);
                break;
            default:
                var wait = retry.After(report.Attempts + 1);
                outbox.MarkRetry(report.Id, outcome.Message, time.GetUtcNow() + wait);
                LogRetry(report.Kind, report.TicketNumber, report.Attempts + 1, outcome.Code, outcome.Message, wait.TotalSeconds);
                break;
        }
    }

    /// <summary>Until a new report is stored or the next retry falls due, whichever is first.</summary>
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var next = outbox.NextDueAt();
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signalled = signal.WaitAsync(wake.Token);
        var waits = new List<Task> { signalled };
        if (next is { } at)
        {
            var delay = at - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            waits.Add(Task.Delay(delay, time, wake.Token));
        }

        try
        {
            await Task.WhenAny(waits).ConfigureAwait(false);
        }
        finally
        {
            await wake.CancelAsync().ConfigureAwait(false);
        }

        // A signal consumed by the cancelled wait is harmless: the loop looks at the outbox next anyway.
        stoppingToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS took {Kind} of ticket {Ticket} (attempt {Attempt}, code {Code})")]
    private partial void LogDone(ReportKind kind, string ticket, int attempt, int? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BPJS refused {Kind} of ticket {Ticket} (code {Code}): {Reason}; the ticket's reports stop")]
    private partial void LogRefused(ReportKind kind, string ticket, int? code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} of ticket {Ticket} not taken (attempt {Attempt}, code {Code}: {Reason}); again in {Seconds:F0} s")]
    private partial void LogRetry(ReportKind kind, string ticket, int attempt, int? code, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS answers again; {Count} waiting reports are due now")]
    private partial void LogLinkBack(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read or written; the sender tries again shortly")]
    private partial void LogOutboxFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending {Kind} of ticket {Ticket} threw; tried again later")]
    private partial void LogSendThrew(Exception exception, ReportKind kind, string ticket);
}
