using System.Collections.Concurrent;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Mqtt;
using Kiosk.Screens.Configuration;
using Kiosk.Screens.Streaming;
using Kiosk.Screens.Text;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// One logged-in loket: its own MQTT session as <c>counter-N</c> with the officer's password, so the broker's ACL
/// decides what this page may do. Commands go to this counter's topic only; replies, state and events feed its browsers.
/// </summary>
public sealed partial class LoketSession : IAsyncDisposable
{
    private const int MaxRememberedCommands = 500;
    private readonly MqttClient client;
    private readonly ScreensOptions settings;
    private readonly WireAdapter wire;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly QueueView view;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandAnswer>> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> sentAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> calledToday = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly ITimer kioskCheck;
    private LoketCard? card;

    /// <summary>The BPJS bridge's last readable status; null until one arrived (or when the site has no bridge).</summary>
    private volatile BpjsSeen? bpjs;
    private Task? reader;

    internal LoketSession(string token, int counter, MqttClient client, ScreensOptions settings, TimeProvider time, DateTimeOffset expiresAt, ILogger logger)
    {
        Token = token;
        Counter = counter;
        this.client = client;
        this.settings = settings;
        this.time = time;
        this.logger = logger;
        ExpiresAt = expiresAt;
        wire = new WireAdapter(settings.SiteId);
        view = new QueueView(settings.SiteName, time, settings.Zone());
        Browsers = new Broadcaster(settings.ClientQueueCapacity, logger);
        kioskCheck = time.CreateTimer(_ => PublishIfKioskNoticeChanged(), null, TimeSpan.FromSeconds(settings.KioskCheckSeconds), TimeSpan.FromSeconds(settings.KioskCheckSeconds));
        client.StateChanged += (_, change) =>
        {
            if (change.NewState is MqttConnectionState.Connected or MqttConnectionState.Disconnected)
            {
                view.SetBroker(change.NewState == MqttConnectionState.Connected);
                Browsers.Publish(Current());
            }
        };
    }

    public string Token { get; }

    public int Counter { get; }

    /// <summary>The day close in the site's zone: the session ends there and the officer logs in again next day.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public Broadcaster Browsers { get; }

    public ViewState State => view.Build();

    public ScreenMessage Current()
    {
        var seen = bpjs;
        var (state, bpjsView) = WithBpjs(view.Build(), seen?.Status, seen?.OfflineSince is { } since ? TimeZoneInfo.ConvertTime(since, settings.Zone()) : null);
        var id = Counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int count;
        lock (calledToday)
        {
            count = calledToday.Count;
        }

        var mine = state.Counters.FirstOrDefault(c => c.Id == id);
        var serving = mine?.NowServing;
        var shownCard = card is { } c && serving?.Number == c.TicketNumber ? c : null;

        // The kiosk counts the day's calls (so a new login starts from the real figure); an older kiosk does not.
        var called = mine?.CalledToday ?? count;
        return new ScreenMessage("keadaan", ScreensJson.Serialize(new LoketView(Counter, view.CounterName(id) ?? Teks.CounterName(id), state, shownCard, called, bpjsView)));
    }

    /// <summary>
    /// Puts each refusal of the BPJS bridge on the ticket it concerns (by ticket id, in the waiting lists and at the
    /// counters), and gives the page the backlog line (or, while the bridge is not running, the line saying so, with
    /// <paramref name="offlineSince"/> in the site's zone when known) and the refusals of tickets it does not show.
    /// </summary>
    internal static (ViewState State, LoketBpjsView? Bpjs) WithBpjs(ViewState state, BpjsBridgeStatus? status, DateTimeOffset? offlineSince = null)
    {
        if (status is null || status.AllClear)
        {
            return (state, null);
        }

        var refused = new Dictionary<Guid, BpjsRefusedTicket>();
        foreach (var ticket in status.Refused)
        {
            refused.TryAdd(ticket.TicketId, ticket);
        }

        var shown = new HashSet<Guid>();
        ViewTicket Mark(ViewTicket ticket)
        {
            if (ticket.TicketId is { } id && refused.TryGetValue(id, out var refusal))
            {
                shown.Add(id);
                return ticket with { Bpjs = Teks.BpjsRefused(refusal.Reason) };
            }

            return ticket;
        }

        var services = state.Services.Select(s => s with { Tickets = [.. s.Tickets.Select(Mark)] }).ToList();
        var counters = state.Counters.Select(c => c.NowServing is { } now ? c with { NowServing = Mark(now) } : c).ToList();
        var others = status.Refused.Where(r => !shown.Contains(r.TicketId)).Select(r => Teks.BpjsRefusedOther(r.Number, r.Reason)).ToList();
        var line = status.IsOffline ? Teks.BpjsBridgeOffline(offlineSince) : status.BacklogText;
        return (state with { Services = services, Counters = counters }, new LoketBpjsView(line, others));
    }

    internal async Task StartReadingAsync(CancellationToken cancellationToken)
    {
        view.SetBroker(client.State == MqttConnectionState.Connected);
        await client.SubscribeAsync(
            [
                new MqttTopicFilter(wire.Topics.Reply(Counter), MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.State, MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.Events, MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.AnyKioskStatus, MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.BpjsStatus, MqttQos.AtLeastOnce),
            ],
            cancellationToken);
        reader = Task.Run(ReadAsync, CancellationToken.None);

        // A new login or a restarted host knows nothing of the patient in front of the officer: ask the kiosk, whose
        // reply carries the card the page shows (only this counter's reply topic has it).
        _ = SendAsync(NewInternalId(), new LoketCommandRequest { Type = WireAdapter.Name(CommandType.Serving) }, stop.Token)
            .ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <summary>
    /// Sends the command (once per id: a repeated POST joins the delivery already under way) and waits a moment for
    /// the kiosk's reply. Null when none came yet: the page says so at once and stays usable, while the delivery goes
    /// on in the background, publishing the same id again until the kiosk answers or the time limit ends it; its
    /// outcome reaches the page as a <c>jawaban</c> message (and as the answer to the next POST of that id).
    /// </summary>
    public async Task<CommandAnswer?> SendAsync(string commandId, LoketCommandRequest request, CancellationToken cancellationToken)
    {
        var payload = WireAdapter.WriteCommand(commandId, request, sentAt.GetOrAdd(commandId, _ => time.GetUtcNow()), out var refused);
        if (payload is null)
        {
            return new CommandAnswer(commandId, false, refused!, "invalid-request", null, null);
        }

        // The first press fixes sentAt (above): the kiosk refuses a command pressed over 2 minutes ago rather than run it late.
        var added = false;
        var reply = pending.GetOrAdd(commandId, _ =>
        {
            added = true;
            return new TaskCompletionSource<CommandAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        });
        if (added && pending.TryGetValue(commandId, out var kept) && ReferenceEquals(kept, reply))
        {
            Forget();
            _ = DeliverAsync(commandId, payload, reply);
        }

        try
        {
            return await reply.Task.WaitAsync(TimeSpan.FromMilliseconds(settings.CommandAnswerWaitMilliseconds), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Publishes the command and again every <see cref="ScreensOptions.CommandRepeatSeconds"/> (the kiosk runs an id
    /// once and answers a repeat with the stored reply) until the reply completes <paramref name="reply"/> or the
    /// time limit does, with a "no answer" outcome for the officer.
    /// </summary>
    private async Task DeliverAsync(string commandId, byte[] payload, TaskCompletionSource<CommandAnswer> reply)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        try
        {
            var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(settings.CommandTimeoutSeconds);
            while (!reply.Task.IsCompleted)
            {
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    LogGaveUp(logger, Counter, commandId);
                    if (reply.TrySetResult(new CommandAnswer(commandId, false, Teks.NoReplyGaveUp, "no-reply", null, null)))
                    {
                        Browsers.Publish(Answer(reply.Task.Result));
                    }

                    return;
                }

                // QoS 1: the client keeps it in its session through a reconnect; no await on PUBACK so a dead broker
                // cannot hold the delivery past its limit.
                _ = client.PublishAsync(new MqttApplicationMessage(wire.Topics.Command(Counter), payload, MqttQos.AtLeastOnce), limit.Token)
                    .ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                try
                {
                    var wait = TimeSpan.FromSeconds(settings.CommandRepeatSeconds);
                    await reply.Task.WaitAsync(wait < left ? wait : left, time, limit.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    LogRepeat(logger, Counter, commandId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Logged out: the session and its deliveries end together.
        }
    }

    /// <summary>The outcome of a command, for the page that may have stopped waiting for it.</summary>
    private static ScreenMessage Answer(CommandAnswer answer) => new("jawaban", ScreensJson.Serialize(answer));

    private static string NewInternalId() => "host-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public async ValueTask DisposeAsync()
    {
        await kioskCheck.DisposeAsync();
        await stop.CancelAsync();
        Browsers.CompleteAll();
        await client.DisposeAsync();
        if (reader is not null)
        {
            await reader.ConfigureAwait(false);
        }

        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stop.Token))
            {
                Handle(message);
            }
        }
        catch (OperationCanceledException)
        {
            // Logged out.
        }
    }

    private void Handle(MqttApplicationMessage message)
    {
        if (message.Topic == wire.Topics.Reply(Counter))
        {
            if (!WireAdapter.TryReadReply(message.Payload, out var answer, out var replyCard) || answer!.CommandId is null)
            {
                return;
            }

            if (replyCard is not null)
            {
                card = replyCard;
            }

            Browsers.Publish(Current());
            if (pending.TryGetValue(answer.CommandId, out var waiting) && waiting.TrySetResult(answer))
            {
                Browsers.Publish(Answer(answer));
            }
        }
        else if (message.Topic == wire.Topics.State)
        {
            if (WireAdapter.TryReadState(message.Payload, settings.SopMinutesFor, out var snapshot))
            {
                view.ApplyState(snapshot!);
                Browsers.Publish(Current());
            }
        }
        else if (message.Topic == wire.Topics.Events)
        {
            if (WireAdapter.TryReadEvent(message.Payload, out var wireEvent) && view.ApplyEvent(wireEvent!))
            {
                if (wireEvent!.Type == "ticket.called" && wireEvent.Ticket is { } ticket
                    && wireEvent.CounterId == Counter.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    lock (calledToday)
                    {
                        calledToday.Add(ticket.Number);
                    }
                }

                Browsers.Publish(Current());
            }
        }
        else if (message.Topic == wire.Topics.BpjsStatus)
        {
            if (message.Payload.Length == 0)
            {
                // The retained status cleared (the bridge removed from the site): nothing more to show.
                bpjs = null;
                Browsers.Publish(Current());
            }
            else if (WireAdapter.TryReadBpjsStatus(message.Payload, out var status, out var why))
            {
                bpjs = BpjsSeen.Next(bpjs, status, time.GetUtcNow());
                Browsers.Publish(Current());
            }
            else
            {
                // The page keeps the last status it had; the technician finds the cause in the log.
                LogBpjsStatusDropped(logger, Counter, message.Payload.Length, why);
            }
        }
        else if (wire.Topics.Classify(message.Topic, out _) == Kiosk.Contract.Topics.TopicKind.KioskStatus && WireAdapter.TryReadStatus(message.Payload, out var kiosk))
        {
            view.SetKiosk(kiosk!);
            Browsers.Publish(Current());
        }
    }

    private void PublishIfKioskNoticeChanged()
    {
        if (view.KioskNoticeChanged())
        {
            Browsers.Publish(Current());
        }
    }

    /// <summary>Keeps the remembered command ids bounded: a day of presses must not grow the host without end.</summary>
    private void Forget()
    {
        if (sentAt.Count <= MaxRememberedCommands)
        {
            return;
        }

        foreach (var old in sentAt.OrderBy(p => p.Value).Take(sentAt.Count - (MaxRememberedCommands / 2)).Select(p => p.Key).ToList())
        {
            sentAt.TryRemove(old, out _);
            pending.TryRemove(old, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loket {Counter}: no reply to {CommandId} within the time limit; the officer was told")]
    private static partial void LogGaveUp(ILogger logger, int counter, string commandId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loket {Counter}: dropped a BPJS bridge status of {Length} bytes: {Why}")]
    private static partial void LogBpjsStatusDropped(ILogger logger, int counter, int length, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loket {Counter}: no reply yet to {CommandId}; publishing it again")]
    private static partial void LogRepeat(ILogger logger, int counter, string commandId);
}
