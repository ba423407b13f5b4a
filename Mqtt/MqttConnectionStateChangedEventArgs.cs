namespace Kiosk.Mqtt;

/// <summary>One transition of the connection loop, with why it happened.</summary>
public sealed class MqttConnectionStateChangedEventArgs(MqttConnectionState oldState, MqttConnectionState newState, string reason, bool sessionPresent, Exception? error) : EventArgs
{
    public MqttConnectionState OldState { get; } = oldState;

    public MqttConnectionState NewState { get; } = newState;

    /// <summary>Human-readable cause, e.g. "no PINGRESP within 5 s" or "CONNACK accepted".</summary>
    public string Reason { get; } = reason;

    /// <summary>On <see cref="MqttConnectionState.Connected"/>: the broker kept the session (CONNACK session-present flag).</summary>
    public bool SessionPresent { get; } = sessionPresent;

    /// <summary>The error that ended the previous connection, if any (an <see cref="MqttProtocolException"/> for a bad packet).</summary>
    public Exception? Error { get; } = error;
}
