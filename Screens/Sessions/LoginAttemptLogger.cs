namespace Kiosk.Screens.Sessions;

/// <summary>
/// The MQTT client's logger during a login attempt: silent until the broker accepted the password, then the client's
/// own logger. A refused CONNECT would otherwise write its own lines per guess; <see cref="LoginThrottle"/> logs
/// refused logins instead, at most once per counter per minute.
/// </summary>
internal sealed class LoginAttemptLogger(ILogger<Kiosk.Mqtt.MqttClient> inner) : ILogger<Kiosk.Mqtt.MqttClient>
{
    private volatile bool open;

    /// <summary>Called once the login is accepted: from here on the client logs as any session does.</summary>
    public void Open() => open = true;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => open ? inner.BeginScope(state) : null;

    public bool IsEnabled(LogLevel logLevel) => open && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (open)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
