using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.Device.Health;
using Kiosk.Device.Messaging;
using Kiosk.Device.Publishing;
using Kiosk.Mqtt;
using Kiosk.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Device.Commands;

/// <summary>
/// Runs counter commands from <c>queue/{site}/counter/{N}/command</c> through the queue engine (at most once per
/// command id: a repeated id gets the stored answer) and answers on that counter's reply topic. A malformed command
/// gets an error reply naming what is wrong; it never stops the loop.
/// </summary>
public sealed partial class CounterCommandHandler(
    QueueEngine engine,
    KioskMqttConnection connection,
    OutboxSignal outbox,
    LoopHeartbeats heartbeats,
    TimeProvider time,
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

                    // Only now, with the result committed (or nothing to commit), may the broker forget the command: a
                    // power cut before this line means a redelivery, which the command id makes harmless.
                    message.Acknowledge();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // E.g. disk full during the command: nothing of it was saved and it stays unacknowledged; the broker
                    // delivers it again after the next reconnect, and the counter repeats it meanwhile.
                    await LoopFailure.PauseAsync(logger, ex, LoopName, heartbeats, stoppingToken);
                }
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
        if (!connection.Topics.TryParseCommandTopic(message.Topic, out var counterNumber))
        {
            LogUnexpectedTopic(logger, message.Topic);
            return;
        }

        var counterId = counterNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CounterReply reply;
        if (!CounterCommands.TryParse(message.Payload.Span, counterId, out var command, out var wire, out var refusal))
        {
            LogRejected(logger, counterId, refusal.CommandId, refusal.Code.ToString(), refusal.Detail);
            reply = refusal.ToReply(counterId);
        }
        else if (!engine.HasRun(command.CommandId) && CommandClock.Refusal(wire.SentAt, time.GetUtcNow()) is { } skew)
        {
            // A command id that already ran is answered from the log whatever its age; only a new one is judged by the clock.
            LogRejected(logger, counterId, command.CommandId, nameof(ErrorCode.ClockSkew), $"sentAt {wire.SentAt:O}");
            reply = CounterReply.Refused(command.CommandId, counterId, wire.Type, ErrorCode.ClockSkew, skew);
        }
        else
        {
            var result = engine.Execute(command);
            outbox.Nudge();
            reply = engine.ToReply(result);
            LogExecuted(logger, counterId, command.Kind.ToString(), command.CommandId, result.Succeeded ? "ok" : result.Error.Code.ToString());
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A counter reply was not delivered: {Reason}; the counter repeats its command and gets the same answer")]
    private static partial void LogReplyNotSent(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message on unexpected topic {Topic} ignored")]
    private static partial void LogUnexpectedTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counter {Counter} command {CommandId} refused ({Code}): {Detail}")]
    private static partial void LogRejected(ILogger logger, string counter, string? commandId, string code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Counter {Counter} {Kind} ({CommandId}): {Outcome}")]
    private static partial void LogExecuted(ILogger logger, string counter, string kind, string commandId, string outcome);
}
