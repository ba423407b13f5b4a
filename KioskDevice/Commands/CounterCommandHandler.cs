using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Device.Health;
using Kiosk.Device.Messaging;
using Kiosk.Device.Publishing;
using Kiosk.Device.Text;
using Kiosk.Mqtt;
using Kiosk.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Device.Commands;

/// <summary>
/// Runs counter commands from <c>queue/{site}/counter/{N}/command</c> through the queue engine (at most once per
/// command id: a repeated id gets the stored answer) and answers on that counter's reply topic. Every message gets
/// exactly one answer and is then acknowledged: a malformed command a <c>bad-command</c> reply naming what is wrong,
/// a command the engine failed on (disk full) a <c>kiosk-fault</c> reply with nothing done. Nothing pauses the loop
/// and nothing stays unacknowledged: the broker hands the kiosk a window of unacknowledged commands from every loket,
/// so one command held back (or a pause after it) would hold back every other loket's commands too.
/// </summary>
public sealed partial class CounterCommandHandler(
    QueueEngine engine,
    KioskMqttConnection connection,
    OutboxSignal outbox,
    LoopHeartbeats heartbeats,
    TimeProvider time,
    CounterLogThrottle logThrottle,
    BpjsRequestHandler bpjs,
    ILogger<CounterCommandHandler> logger) : BackgroundService
{
    public const string LoopName = "commands";

    private static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeats.Register(LoopName);
        var messages = connection.Client.Messages;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(LoopName);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(BeatEvery);
                MqttApplicationMessage message;
                try
                {
                    if (!await messages.WaitToReadAsync(wait.Token))
                    {
                        return;
                    }

                    if (!messages.TryRead(out message!))
                    {
                        continue;
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    Handle(message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Handle answers every command itself; this is the net for a fault outside it (a reply that cannot be
                    // composed). The message is a logged drop, acknowledged like any other: it must never come back.
                    LogDropped(logger, ex, message.Topic);
                }

                // Only now, with the result committed (or nothing to commit, or the failure answered), may the broker
                // forget the command: a power cut before this line means a redelivery, which the command id makes harmless.
                message.Acknowledge();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown; unacknowledged commands are redelivered by the persistent session and are idempotent.
        }
        finally
        {
            heartbeats.Unregister(LoopName);
        }
    }

    internal void Handle(MqttApplicationMessage message)
    {
        // The BPJS bridge's questions come on the same connection: answered here, in turn, acknowledged like a command.
        if (bpjs.Handles(message.Topic))
        {
            bpjs.Handle(message);
            return;
        }

        if (!connection.Topics.TryParseCommandTopic(message.Topic, out var counterNumber))
        {
            LogUnexpectedTopic(logger, message.Topic);
            return;
        }

        var counterId = counterNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CounterReply reply;
        if (!CounterCommands.TryParse(message.Payload.Span, counterId, out var command, out var wire, out var refusal))
        {
            if (logThrottle.TryTake(counterNumber, out var suppressed))
            {
                LogRejected(logger, counterId, refusal.CommandId, refusal.Code.ToString(), refusal.Detail, suppressed);
            }

            reply = refusal.ToReply(counterId);
        }
        else
        {
            reply = Run(counterNumber, counterId, command, wire);
        }

        // Not awaited: the reply is in the client's session at once and is resent until acknowledged. Waiting here for
        // its PUBACK would deadlock under a burst of commands: the client stops reading the socket (PUBACKs included)
        // while its incoming queue is full, and only this loop empties that queue.
        var publish = connection.Client.PublishAsync(
            new MqttApplicationMessage(connection.Topics.Reply(counterNumber), ContractJson.SerializeToUtf8Bytes(reply), MqttQos.AtLeastOnce),
            CancellationToken.None);
        _ = publish.ContinueWith(
            static (task, state) => LogReplyNotSent((ILogger)state!, task.Exception?.GetBaseException().Message ?? "cancelled"),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion,
            TaskScheduler.Default);
    }

    private CounterReply Run(int counterNumber, string counterId, Queue.Results.CounterCommand command, CounterCommandMessage wire)
    {
        try
        {
            if (!engine.HasRun(command.CommandId) && CommandClock.Refusal(wire.SentAt, time.GetUtcNow()) is { } skew)
            {
                // A command id that already ran is answered from the log whatever its age; only a new one is judged by the clock.
                if (logThrottle.TryTake(counterNumber, out var suppressed))
                {
                    LogRejected(logger, counterId, command.CommandId, nameof(ErrorCode.ClockSkew), $"sentAt {wire.SentAt:O}", suppressed);
                }

                return CounterReply.Refused(command.CommandId, counterId, wire.Type, ErrorCode.ClockSkew, skew);
            }

            var result = engine.Execute(command);
            outbox.Nudge();
            LogExecuted(logger, counterId, command.Kind.ToString(), command.CommandId, result.Succeeded ? "ok" : result.Error.Code.ToString());
            return engine.ToReply(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // E.g. disk full during the command: its transaction rolled back, so nothing of it was saved and its id has not
            // run. The officer is told at once and repeats it (same id); holding it unacknowledged instead would stall
            // every other loket behind it in the broker's window until a reconnect.
            if (logThrottle.TryTake(counterNumber, out var suppressed))
            {
                LogFailed(logger, ex, counterId, command.CommandId, suppressed);
            }

            return CounterReply.Refused(command.CommandId, counterId, wire.Type, ErrorCode.KioskFault, Teks.PerintahGagalDiKiosk);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Counter {Counter} command {CommandId} failed in the kiosk and was answered kiosk-fault ({Suppressed} earlier lines of this counter left out)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string counter, string commandId, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A counter reply was not delivered: {Reason}; the counter repeats its command and gets the same answer")]
    private static partial void LogReplyNotSent(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be answered and was dropped")]
    private static partial void LogDropped(ILogger logger, Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message on unexpected topic {Topic} ignored")]
    private static partial void LogUnexpectedTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counter {Counter} command {CommandId} refused ({Code}): {Detail} ({Suppressed} earlier lines of this counter left out)")]
    private static partial void LogRejected(ILogger logger, string counter, string? commandId, string code, string detail, int suppressed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Counter {Counter} {Kind} ({CommandId}): {Outcome}")]
    private static partial void LogExecuted(ILogger logger, string counter, string kind, string commandId, string outcome);
}
