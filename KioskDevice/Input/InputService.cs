using Kiosk.Contract;
using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Health;
using Kiosk.Device.Systemd;
using Kiosk.Device.Text;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Input;

/// <summary>
/// The patient's side of the kiosk: a button press or a card scan becomes a ticket request. A scan is parsed first;
/// anything that is not a kartu berobat, BPJS/KIS card, NIK or Mobile JKN booking is refused with a reason and never
/// issues a ticket. Every button press is decided the moment it is read (<see cref="PressAdmission"/>): taken (printed
/// at once, or queued behind the ticket printing, and the patient is told so), refused as the same patient's double
/// press within the lock-out, or refused because too many tickets already wait. Each decision is logged and reported;
/// no press is dropped without a word. Taken presses are printed one after another by their own loop, in order.
/// </summary>
public sealed partial class InputService(
    IButtonPanel buttons,
    ConfiguredReader configuredReader,
    ScanParser parser,
    TicketIssuer issuer,
    KioskSignals signals,
    KioskActivity activity,
    LoopHeartbeats heartbeats,
    KioskReadiness readiness,
    IOptions<KioskOptions> options,
    Kiosk.Queue.QueueEngine engine,
    ILogger<InputService> logger) : BackgroundService
{
    public const string ButtonLoop = "buttons";
    public const string ScanLoop = "scanner";
    public const string PrintLoop = "button-tickets";
    private static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, DateTimeOffset> lastCardTicket = new(StringComparer.Ordinal);
    private readonly PressAdmission admission = new(TimeSpan.FromMilliseconds(options.Value.Hardware.ButtonLockoutMilliseconds));

    // Taken presses waiting for the printer; never longer than PressAdmission.MaxWaiting + 1, so unbounded is safe.
    private readonly System.Threading.Channels.Channel<TakenPress> taken = System.Threading.Channels.Channel.CreateUnbounded<TakenPress>(new() { SingleReader = true });

    /// <summary>A QR reader in continuous mode or a patient scanning twice must not get two numbers for one card.</summary>
    public static readonly TimeSpan SameCardLockout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = configuredReader.Reader;
        await buttons.StartAsync(stoppingToken);
        if (reader is not null)
        {
            reader.StateChanged += (_, change) => LogReaderState(logger, reader.Name, change.State, change.Reason);
            await reader.StartAsync(stoppingToken);
        }

        readiness.MarkReady(KioskReadiness.Inputs, $"Tombol ({options.Value.Buttons.Count}) dan pembaca kartu siap");
        var loops = new List<Task>
        {
            RunLoopAsync(ButtonLoop, buttons.Events, HandleButtonAsync, stoppingToken),
            RunLoopAsync(PrintLoop, taken.Reader, IssueTakenAsync, stoppingToken),
        };
        if (reader is not null)
        {
            loops.Add(RunLoopAsync(ScanLoop, reader.Scans, HandleScanAsync, stoppingToken));
        }

        await Task.WhenAll(loops);
    }

    /// <summary>Decides a press at once (never waits for a print), so a press made while a ticket prints is told at once.</summary>
    internal Task HandleButtonAsync(ButtonEvent press, CancellationToken cancellationToken)
    {
        var button = options.Value.Buttons.FirstOrDefault(b => b.Id == press.ButtonId);
        if (button is null)
        {
            LogUnknownButton(logger, press.ButtonId);
            return Task.CompletedTask;
        }

        switch (press.Kind)
        {
            case ButtonEventKind.Pressed:
                Admit(button, press);
                break;
            case ButtonEventKind.LongPressed:
                LogLongPress(logger, button.Id);
                activity.Report(button.Id, "LongPress", Teks.Teknisi.ButtonLongPress(button.Label));
                break;
            case ButtonEventKind.Stuck:
                LogStuck(logger, button.Id);
                activity.Report(button.Id, "Stuck", Teks.Teknisi.ButtonStuck(button.Label));
                break;
            case ButtonEventKind.Released:
                break;
        }

        return Task.CompletedTask;
    }

    private void Admit(PatientButtonOptions button, ButtonEvent press)
    {
        switch (admission.Decide(button.Id, press.Timestamp, out var ahead))
        {
            case PressDecision.DoublePress:
                LogDoublePress(logger, button.Id);
                _ = signals.PressIgnoredAsync();
                activity.Report(button.Id, nameof(PressDecision.DoublePress), Text.Teks.DoublePress(button.Label), admission.Waiting);
                return;
            case PressDecision.Busy:
                LogBusy(logger, button.Id, ahead);
                _ = signals.RefusedAsync();
                activity.Report(button.Id, nameof(PressDecision.Busy), Text.Teks.PrinterBusy(ahead), admission.Waiting);
                return;
        }

        if (ahead > 0)
        {
            // Told now, not when its turn comes: the patient sees the press counted while the previous ticket prints.
            LogQueued(logger, button.Id, ahead);
            activity.Report(button.Id, KioskActivity.QueuedKind, Text.Teks.PressQueued(button.Label, ahead), admission.Waiting);
        }

        taken.Writer.TryWrite(new TakenPress(button, press.Timestamp));
    }

    private async Task IssueTakenAsync(TakenPress press, CancellationToken cancellationToken)
    {
        var button = press.Button;
        IssueOutcome outcome;
        try
        {
            // What the button does not ask is recorded as unknown, never guessed: the recap counts it apart.
            var request = new IssueRequest(
                button.Service,
                button.Category.Length > 0 ? Enum.Parse<PatientCategory>(button.Category) : PatientCategory.Unknown,
                button.Payer.Length > 0 ? Enum.Parse<Payer>(button.Payer) : Payer.Unknown,
                Enum.Parse<PriorityKind>(button.Priority),
                Source: TicketSource.Button);
            outcome = await issuer.IssueAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The press was counted; its patient hears and reads that it failed, and the next one is not held up.
            admission.Finished(button.Id, press.PressedAt, refused: true);
            _ = signals.RefusedAsync();
            activity.Report(button.Id, nameof(IssueOutcomeKind.Refused), Text.Teks.IssueFailed, admission.Waiting);
            throw;
        }

        admission.Finished(button.Id, press.PressedAt, refused: outcome.Kind == IssueOutcomeKind.Refused);
        activity.Report(button.Id, outcome, admission.Waiting);
    }

    private sealed record TakenPress(PatientButtonOptions Button, TimeSpan PressedAt);

    internal async Task HandleScanAsync(RawScan scan, CancellationToken cancellationToken)
    {
        var reader = options.Value.Reader;
        var parsed = parser.Parse(scan);
        if (parsed is JknBookingScan { VisitDate: { } visit } && visit != engine.BusinessDay)
        {
            // A booking is for one visit day: another day's code gets no number today, and the patient is told why.
            LogBookingOtherDay(logger, visit.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            _ = signals.ScanRejectedAsync();
            activity.Report("scan", "ScanRejected", Ticketing.IndonesianTime.BookingForAnotherDay(visit, engine.BusinessDay));
            return;
        }

        // A booking the kiosk holds (BPJS booked it through the bridge), by its code or by the JKN card that holds it
        // today: check it in and print its number; a cancelled or used-up booking gets one sentence and no number.
        // A code the kiosk does not hold (booked before the kiosk took bookings) gets a number as before.
        Func<Kiosk.Queue.QueueEngine, CheckInResult?>? checkIn = parsed switch
        {
            JknBookingScan code => e => e.CheckInByCode(code.BookingCode),
            BpjsCardScan card => e => e.CheckInByCard(card.CardNumber),
            _ => null,
        };
        if (checkIn is not null && await issuer.CheckInAsync(checkIn, cancellationToken) is { } booked)
        {
            LogBookingScan(logger, booked.Kind.ToString());
            activity.Report("scan", booked);
            return;
        }

        IssueRequest? request = parsed switch
        {
            // A card tells only what it is: a kartu berobat means a returning patient (payer not known), a BPJS/KIS card or
            // Mobile JKN booking means BPJS (new or returning not known), a KTP/NIK tells neither.
            MedicalRecordScan card => new IssueRequest(reader.ReturningService, PatientCategory.Lama, Payer.Unknown, CardData: new CardData(CardKind.MedicalRecord, card.Number), Source: TicketSource.Scan),
            JknBookingScan booking => new IssueRequest(reader.BpjsService, PatientCategory.Unknown, Payer.Bpjs, CardData: new CardData(CardKind.JknBooking, booking.BookingCode), Source: TicketSource.Scan),
            BpjsCardScan card => new IssueRequest(reader.BpjsService, PatientCategory.Unknown, Payer.Bpjs, CardData: new CardData(CardKind.Bpjs, card.CardNumber), Source: TicketSource.Scan),
            NikScan nik => new IssueRequest(reader.ReturningService, PatientCategory.Unknown, Payer.Unknown, CardData: new CardData(CardKind.Nik, nik.Nik), Source: TicketSource.Scan),
            _ => null,
        };
        if (request is null)
        {
            var rejected = (RejectedScan)parsed;
            LogScanRejected(logger, rejected.Reason.ToString(), rejected.Detail);
            _ = signals.ScanRejectedAsync();
            activity.Report("scan", "ScanRejected", rejected.PatientMessage);
            return;
        }

        var cardNumber = request.CardData!.Number;
        foreach (var stale in lastCardTicket.Where(entry => scan.ReceivedAt - entry.Value >= SameCardLockout).Select(entry => entry.Key).ToList())
        {
            // Only recent cards are needed for the lock-out; older personal numbers are not kept.
            lastCardTicket.Remove(stale);
        }

        if (lastCardTicket.TryGetValue(cardNumber, out var previous) && scan.ReceivedAt - previous < SameCardLockout)
        {
            LogSameCard(logger, request.CardData.Masked);
            activity.Report("scan", "DuplicateScan", Teks.Pasien.SameCardAgain);
            return;
        }

        var outcome = await issuer.IssueAsync(request, cancellationToken);
        if (outcome.Kind != IssueOutcomeKind.Refused)
        {
            lastCardTicket[cardNumber] = scan.ReceivedAt;
        }

        activity.Report("scan", outcome);
    }

    private async Task RunLoopAsync<T>(string name, System.Threading.Channels.ChannelReader<T> source, Func<T, CancellationToken, Task> handle, CancellationToken stoppingToken)
    {
        heartbeats.Register(name);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(name);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(BeatEvery);
                try
                {
                    if (!await source.WaitToReadAsync(wait.Token))
                    {
                        LogLoopEnded(logger, name);
                        return;
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue;
                }

                while (source.TryRead(out var item))
                {
                    try
                    {
                        // A ticket may wait behind a reprint run; keep beating while it does.
                        var handling = handle(item, stoppingToken);
                        while (!handling.IsCompleted)
                        {
                            heartbeats.Beat(name);
                            await Task.WhenAny(handling, Task.Delay(BeatEvery, stoppingToken));
                        }

                        await handling;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One bad input must not stop the next patient's: log it and keep reading.
                        LogHandlerFailed(logger, ex, name);
                    }

                    heartbeats.Beat(name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            heartbeats.Unregister(name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mobile JKN booking scanned at the kiosk: {Outcome}")]
    private static partial void LogBookingScan(ILogger logger, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event from unknown button {Button} ignored")]
    private static partial void LogUnknownButton(ILogger logger, string button);

    [LoggerMessage(Level = LogLevel.Information, Message = "Second press of {Button} within the lock-out refused (the same patient; one ticket per press); the patient is told")]
    private static partial void LogDoublePress(ILogger logger, string button);

    [LoggerMessage(Level = LogLevel.Information, Message = "Press of {Button} taken while printing; {Ahead} tickets before it")]
    private static partial void LogQueued(ILogger logger, string button, int ahead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Press of {Button} refused: {Ahead} tickets already wait for the printer; the patient is told to press again")]
    private static partial void LogBusy(ILogger logger, string button, int ahead);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card {Card} scanned again within the lock-out: no second ticket")]
    private static partial void LogSameCard(ILogger logger, string card);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mobile JKN booking for {Day} refused: not today's business day")]
    private static partial void LogBookingOtherDay(ILogger logger, string day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Long press on button {Button}")]
    private static partial void LogLongPress(ILogger logger, string button);

    [LoggerMessage(Level = LogLevel.Error, Message = "Button {Button} is stuck (held down for minutes): check the switch")]
    private static partial void LogStuck(ILogger logger, string button);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan rejected ({Reason}): {Detail}")]
    private static partial void LogScanRejected(ILogger logger, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader {Reader} is {State}: {Reason}")]
    private static partial void LogReaderState(ILogger logger, string reader, ReaderState state, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Loop} input ended: its device is gone for good")]
    private static partial void LogLoopEnded(ILogger logger, string loop);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling input on the {Loop} loop failed; the kiosk goes on")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string loop);
}
