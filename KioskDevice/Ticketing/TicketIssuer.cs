using Kiosk.Contract;
using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Printing;
using Kiosk.Device.Publishing;
using Kiosk.Device.Text;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Queue;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Ticketing;

/// <summary>
/// From a patient's request to a ticket in their hand: refuse while the printer cannot print (no number consumed),
/// commit the ticket (durable before visible), print it, then mark it printed. A print failure after the commit leaves
/// the ticket uncallable and marked failed: it is reprinted when the printer recovers or voided after the configured
/// time, so counters never call a number nobody holds. One request at a time, so tickets come out in number order.
/// </summary>
public sealed partial class TicketIssuer(
    QueueEngine engine,
    IPrinterTransport printer,
    TicketLayout layout,
    PrinterHealth health,
    KioskSignals signals,
    OutboxSignal outbox,
    IOptions<KioskOptions> options,
    TimeProvider time,
    ILogger<TicketIssuer> logger) : IDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly HashSet<Guid> printedUnmarked = [];

    public void Dispose() => oneAtATime.Dispose();

    /// <param name="request">The ticket to issue; an unknown category (not asked) lists what new and returning patients bring.</param>
    public async Task<IssueOutcome> IssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!health.CanAcceptTickets)
            {
                var reason = health.LastFailure is not null
                    ? Teks.Pasien.PrinterTroubled
                    : PrinterHealth.Sentence(health.Status.Condition);
                LogRefusedPrinter(logger, request.ServiceCode, reason);
                _ = signals.RefusedAsync();
                return IssueOutcome.Refused(reason);
            }

            var result = engine.IssueTicket(request);
            if (!result.Succeeded)
            {
                LogRefused(logger, request.ServiceCode, result.Error.ToString());
                _ = signals.RefusedAsync();
                return IssueOutcome.Refused(result.Error.Message);
            }

            outbox.Nudge();
            var model = new TicketPrintModel(
                result.Ticket,
                result.ServiceName,
                result.PeopleAhead,
                result.EstimatedWait,
                request.Category != PatientCategory.Unknown ? result.WhatToBring : WhatBothMustBring(request.ServiceCode, request.Payer));
            return await PrintCommittedAsync(model, announceFailure: true, cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// A Mobile JKN booking's patient at the kiosk: check the booking in (the engine places it by the fair-order rule)
    /// and print its ticket, marked Mobile JKN. Refused with no change while the printer cannot print, so the booking
    /// stays where it was until the patient can hold a ticket. Null when <paramref name="checkIn"/> found no booking
    /// (a card without one: the caller issues a number as for any card).
    /// </summary>
    /// <param name="checkIn">The engine's check-in by code or by card.</param>
    public async Task<IssueOutcome?> CheckInAsync(Func<QueueEngine, CheckInResult?> checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!health.CanAcceptTickets)
            {
                var reason = health.LastFailure is not null ? Teks.Pasien.PrinterTroubled : PrinterHealth.Sentence(health.Status.Condition);
                _ = signals.RefusedAsync();
                return IssueOutcome.Refused(reason);
            }

            if (checkIn(engine) is not { } result)
            {
                return null;
            }

            if (!result.Succeeded)
            {
                _ = signals.ScanRejectedAsync();
                return IssueOutcome.Refused(result.PatientMessage);
            }

            outbox.Nudge();
            var ticket = result.Ticket;
            LogCheckedIn(logger, ticket.Number, result.CheckedInNow);
            var estimate = engine.EstimateWait(ticket.ServiceCode);
            var ahead = engine.TodayTickets().Count(t => t.ServiceCode == ticket.ServiceCode && t.IsQueued && t.QueueKey < ticket.QueueKey);
            var model = new TicketPrintModel(ticket, ServiceName(ticket.ServiceCode), ahead, estimate?.EstimatedWait,
                WhatBothMustBring(ticket.ServiceCode, ticket.Payer));
            return await PrintCommittedAsync(model, announceFailure: true, cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// Reprints tickets whose print failed (or that were committed just before a crash), oldest first, and voids those
    /// older than the configured limit: by then the patient has gone to the officer, who issues a manual ticket.
    /// Returns how many were printed.
    /// </summary>
    /// <param name="beat">Called per ticket: a long reprint run after a paper refill must keep the watchdog fed.</param>
    public async Task<int> ReprintPendingAsync(Action beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var printed = 0;
            var limit = TimeSpan.FromMinutes(options.Value.VoidUnprintedAfterMinutes);
            foreach (var ticket in engine.PendingPrints().OrderBy(t => t.IssuedAt))
            {
                beat();
                if (printedUnmarked.Contains(ticket.Id))
                {
                    // The patient holds it already; only the mark failed last time.
                    MarkPrinted(ticket);
                    continue;
                }

                // A booking's patient came at check-in, not when BPJS took the number.
                if (time.GetUtcNow() - (ticket.CheckedInAt ?? ticket.IssuedAt) > limit)
                {
                    engine.VoidUnprinted(ticket.Id, Teks.Teknisi.VoidedUnprinted(limit.TotalMinutes));
                    outbox.Nudge();
                    LogVoided(logger, ticket.Number, limit.TotalMinutes);
                    continue;
                }

                if (!health.CanAcceptTickets && health.LastFailure is null)
                {
                    break;
                }

                var estimate = engine.EstimateWait(ticket.ServiceCode);
                // A ticket whose category was not asked lists what both bring, as the first print did.
                var bring = ticket.Category != PatientCategory.Unknown ? WhatToBring(ticket) : WhatBothMustBring(ticket.ServiceCode, ticket.Payer);
                var model = new TicketPrintModel(ticket, ServiceName(ticket.ServiceCode), estimate?.PeopleWaiting ?? 0, estimate?.EstimatedWait, bring, IsReprint: true);
                var outcome = await PrintCommittedAsync(model, announceFailure: false, cancellationToken);
                if (outcome.Kind != IssueOutcomeKind.Printed)
                {
                    break;
                }

                printed++;
            }

            return printed;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <param name="announceFailure">Beep for a patient standing at the kiosk; a background reprint retry stays quiet.</param>
    private async Task<IssueOutcome> PrintCommittedAsync(TicketPrintModel model, bool announceFailure, CancellationToken cancellationToken)
    {
        var ticket = model.Ticket;
        byte[] job;
        try
        {
            job = layout.Render(model);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A layout that cannot be drawn (e.g. a logo wider than the paper) is a print failure, not a crash.
            engine.MarkPrintFailed(ticket.Id);
            health.JobFailed(Teks.Teknisi.LayoutUnprintable, $"Layout cannot be printed: {ex.Message}", null);
            LogPrintFailed(logger, ticket.Number, "Layout", ex.Message);
            return new IssueOutcome(IssueOutcomeKind.PrintFailed, ticket, Teks.Pasien.TicketNotPrinted(ticket.Number));
        }

        var print = await printer.SendAsync(job, cancellationToken);
        if (print.Succeeded)
        {
            MarkPrinted(ticket);
            health.JobSucceeded();
            health.Report(print.Status);
            outbox.Nudge();
            LogPrinted(logger, ticket.Number, model.IsReprint);
            return new IssueOutcome(IssueOutcomeKind.Printed, ticket, Teks.Pasien.YourNumber(ticket.Number));
        }

        if (ticket.PrintState != PrintState.Failed)
        {
            engine.MarkPrintFailed(ticket.Id);
            outbox.Nudge();
        }

        health.JobFailed(PrinterHealth.FailureCause(print), print.Message, print.Status.IsKnown ? print.Status : null);
        if (announceFailure)
        {
            _ = signals.PrintFailedAsync();
        }

        LogPrintFailed(logger, ticket.Number, print.FailureKind.ToString(), print.Message);
        return new IssueOutcome(IssueOutcomeKind.PrintFailed, ticket, Teks.Pasien.TicketNotPrinted(ticket.Number, PrinterHealth.FailureCause(print)));
    }

    /// <summary>
    /// The ticket is in the patient's hand; if the mark cannot be written (disk full) it is remembered, so the ticket is
    /// neither printed again nor voided, and the mark is retried by the next reprint round.
    /// </summary>
    private void MarkPrinted(Ticket ticket)
    {
        try
        {
            var marked = engine.MarkPrinted(ticket.Id);
            if (marked.Succeeded)
            {
                printedUnmarked.Remove(ticket.Id);
            }
            else
            {
                LogMarkFailed(logger, ticket.Number, marked.Error?.Message ?? "unknown");
            }
        }
        catch (Kiosk.Queue.Storage.QueueDatabaseException ex)
        {
            printedUnmarked.Add(ticket.Id);
            LogMarkFailed(logger, ticket.Number, ex.Message);
        }
    }

    private string ServiceName(string code) =>
        engine.Options.Services.FirstOrDefault(s => s.Code == code)?.Name
        ?? engine.Options.Polis.FirstOrDefault(p => p.Code == code)?.Name
        ?? code;

    private IReadOnlyList<string> WhatToBring(Ticket ticket) =>
        engine.Options.Services.FirstOrDefault(s => s.Code == ticket.ServiceCode)?.WhatToBring(ticket.Category, ticket.Payer) ?? [];

    /// <summary>"Pasien baru: KTP, KK" and "Pasien lama: kartu berobat", for a button that did not ask which.</summary>
    private List<string> WhatBothMustBring(string serviceCode, Payer payer)
    {
        var service = engine.Options.Services.FirstOrDefault(s => s.Code == serviceCode);
        if (service is null)
        {
            return [];
        }

        var lines = new List<string>(2);
        var newcomer = service.WhatToBring(PatientCategory.Baru, payer);
        var returning = service.WhatToBring(PatientCategory.Lama, payer);
        if (newcomer.Count > 0)
        {
            lines.Add(Teks.Pasien.NewcomersBring(newcomer));
        }

        if (returning.Count > 0)
        {
            lines.Add(Teks.Pasien.ReturningBring(returning));
        }

        return lines;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket for {Service} refused: {Reason}")]
    private static partial void LogRefusedPrinter(ILogger logger, string service, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket for {Service} refused by the queue: {Reason}")]
    private static partial void LogRefused(ILogger logger, string service, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} printed (reprint: {Reprint})")]
    private static partial void LogPrinted(ILogger logger, string number, bool reprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket {Number} committed but not printed ({Kind}: {Reason}); it stays uncallable until reprinted")]
    private static partial void LogPrintFailed(ILogger logger, string number, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket {Number} was printed but could not be marked printed: {Reason}; retrying")]
    private static partial void LogMarkFailed(ILogger logger, string number, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mobile JKN booking {Number} checked in (now: {Now}); printing")]
    private static partial void LogCheckedIn(ILogger logger, string number, bool now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number} voided: not printed within {Minutes} minutes")]
    private static partial void LogVoided(ILogger logger, string number, double minutes);
}
