using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.Screens.Configuration;
using Kiosk.Screens.Streaming;
using Kiosk.Screens.Views;
using Kiosk.Screens.Voice;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The host's one MQTT session as <c>display</c> (read-only; the ACL keeps counter replies, the only topic with card
/// data, away from it). Every waiting-room browser is fed from here: the current state on connect, then each change,
/// and an announcement for each live call, with its time. A call that arrives late (after an outage) is drawn but not
/// spoken; the page also skips one whose turn in the voice queue comes after <c>AnnounceMaxAgeSeconds</c>.
/// </summary>
public sealed partial class DisplaySession : BackgroundService
{
    private readonly ScreensOptions settings;
    private readonly MqttSessionFactory factory;
    private readonly TimeProvider time;
    private readonly ILogger<DisplaySession> logger;
    private readonly WireAdapter wire;
    private readonly QueueView view;

    // The patient pages' token index reads the same state and events (tokens stay there, never in the view above).
    private readonly Patients.PatientTickets patients;
    private MqttClient? client;

    public DisplaySession(IOptions<ScreensOptions> options, MqttSessionFactory factory, TimeProvider time, ILogger<DisplaySession> logger, Patients.PatientTickets patients)
    {
        this.patients = patients;
        settings = options.Value;
        this.factory = factory;
        this.time = time;
        this.logger = logger;
        wire = new WireAdapter(settings.SiteId);
        view = new QueueView(settings.SiteName, time, settings.Zone());
        Browsers = new Broadcaster(settings.ClientQueueCapacity, logger);
    }

    public Broadcaster Browsers { get; }

    public ScreenMessage Current() => new("keadaan", ScreensJson.Serialize(view.Build()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        client = factory.Create(BrokerRoles.Display, settings.DisplayPassword);
        client.StateChanged += (_, change) =>
        {
            if (change.NewState is MqttConnectionState.Connected or MqttConnectionState.Disconnected)
            {
                view.SetBroker(change.NewState == MqttConnectionState.Connected);
                LogBroker(logger, change.NewState, change.Reason);
                Browsers.Publish(Current());
            }
        };
        // A kiosk that went silent changes the waiting room's line without any message arriving.
        using var kioskCheck = time.CreateTimer(_ => PublishIfKioskNoticeChanged(), null, TimeSpan.FromSeconds(settings.KioskCheckSeconds), TimeSpan.FromSeconds(settings.KioskCheckSeconds));
        await client.StartAsync(stoppingToken);
        await client.SubscribeAsync(
            [
                new MqttTopicFilter(wire.Topics.State, MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.Events, MqttQos.AtLeastOnce),
                new MqttTopicFilter(wire.Topics.AnyKioskStatus, MqttQos.AtLeastOnce),
            ],
            stoppingToken);
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
            {
                Handle(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Browsers.CompleteAll();
        await base.StopAsync(cancellationToken);
        if (client is not null)
        {
            await client.DisposeAsync();
        }
    }

    private void Handle(MqttApplicationMessage message)
    {
        if (message.Topic == wire.Topics.State)
        {
            patients.ApplyState(message.Payload.Span);
            if (WireAdapter.TryReadState(message.Payload, settings.SopMinutesFor, out var snapshot))
            {
                view.ApplyState(snapshot!);
                Browsers.Publish(Current());
            }
            else
            {
                LogUnreadable(logger, message.Topic);
            }
        }
        else if (message.Topic == wire.Topics.Events)
        {
            patients.ApplyEvent(message.Payload.Span);
            if (!WireAdapter.TryReadEvent(message.Payload, out var wireEvent))
            {
                LogUnreadable(logger, message.Topic);
                return;
            }

            if (view.ApplyEvent(wireEvent!) && Announce(wireEvent!) is { } announcement)
            {
                var timed = announcement with { CalledAt = wireEvent!.OccurredAt, SentAt = time.GetUtcNow() };
                Browsers.Publish(new ScreenMessage("panggilan", ScreensJson.Serialize(timed)));
                Browsers.Publish(Current());
            }
        }
        else if (wire.Topics.Classify(message.Topic, out _) == Kiosk.Contract.Topics.TopicKind.KioskStatus)
        {
            if (WireAdapter.TryReadStatus(message.Payload, out var kiosk))
            {
                view.SetKiosk(kiosk!);
                Browsers.Publish(Current());
            }
            else
            {
                LogUnreadable(logger, message.Topic);
            }
        }
    }

    private void PublishIfKioskNoticeChanged()
    {
        if (view.KioskNoticeChanged())
        {
            Browsers.Publish(Current());
        }
    }

    private Announcement? Announce(WireEvent wireEvent)
    {
        if (wireEvent.Ticket is not { } ticket || time.GetUtcNow() - wireEvent.OccurredAt > TimeSpan.FromSeconds(settings.AnnounceMaxAgeSeconds))
        {
            return null;
        }

        if (wireEvent.Type is "ticket.called" or "ticket.recalled" && wireEvent.CounterId is { } counter)
        {
            return AnnouncementBuilder.ToCounter(wireEvent.EventId, ticket.Number, counter) with { ServiceCode = ticket.ServiceCode };
        }

        if (wireEvent.Type == "ticket.issued" && wireEvent.IsTransferIn)
        {
            return AnnouncementBuilder.ToPoli(wireEvent.EventId, ticket.Number, ticket.ServiceCode, view.ServiceName(ticket.ServiceCode) ?? ticket.ServiceCode);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Display MQTT session {State}: {Reason}")]
    private static partial void LogBroker(ILogger logger, MqttConnectionState state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable message on {Topic} ignored")]
    private static partial void LogUnreadable(ILogger logger, string topic);
}
