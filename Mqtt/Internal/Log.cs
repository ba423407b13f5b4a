using Microsoft.Extensions.Logging;

namespace Kiosk.Mqtt.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MQTT {ClientId}: {OldState} -> {NewState} ({Reason})")]
    public static partial void StateChanged(ILogger logger, string clientId, MqttConnectionState oldState, MqttConnectionState newState, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MQTT {ClientId}: connection to {Host}:{Port} ended: {Reason}")]
    // No exception argument: a broker away for a day would fill the journal with one stack trace per reconnect.
    public static partial void ConnectionLost(ILogger logger, string clientId, string host, int port, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "MQTT {ClientId}: protocol error from the broker, reconnecting: {Reason}")]
    public static partial void ProtocolError(ILogger logger, Exception error, string clientId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "MQTT {ClientId}: reconnecting in {DelayMs} ms")]
    public static partial void Backoff(ILogger logger, string clientId, long delayMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "MQTT {ClientId}: resending {Count} unacknowledged QoS 1/2 packets (session present: {SessionPresent})")]
    public static partial void Resending(ILogger logger, string clientId, int count, bool sessionPresent);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "MQTT {ClientId}: the broker refused the subscription to '{Filter}' after a reconnect")]
    public static partial void ResubscribeRefused(ILogger logger, string clientId, string filter);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "MQTT {ClientId}: a StateChanged handler threw")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string clientId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "MQTT {ClientId}: dropped a message of {Size} bytes on '{Topic}' (limit {Limit} bytes) and acknowledged it so the broker does not send it again")]
    public static partial void OversizedDropped(ILogger logger, string clientId, long size, string topic, int limit);
}
