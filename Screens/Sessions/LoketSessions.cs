using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.Screens.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// Logged-in lokets by session token. A login is an MQTT CONNECT as <c>counter-N</c> with the typed password: the
/// broker's answer is the login's answer, so there is no second list of passwords here. Sessions end at day close.
/// </summary>
public sealed partial class LoketSessions(IOptions<ScreensOptions> options, MqttSessionFactory factory, TimeProvider time, ILogger<LoketSessions> logger) : IAsyncDisposable
{
    public const int MaxCounter = 99;
    private readonly ConcurrentDictionary<string, LoketSession> sessions = new(StringComparer.Ordinal);
    private readonly ScreensOptions settings = options.Value;

    public int Count => sessions.Count;

    public async Task<(LoginOutcome Outcome, LoketSession? Session)> LoginAsync(int counter, string password, CancellationToken cancellationToken)
    {
        // Quiet while the password is unproven: a guess costs no log lines here (LoginThrottle logs them, rate-limited).
        var clientLogger = new LoginAttemptLogger(factory.ClientLogger());
        var client = factory.Create(BrokerRoles.Counter(counter), password, clientLogger);
        var first = new TaskCompletionSource<LoginOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnState(object? sender, MqttConnectionStateChangedEventArgs change)
        {
            if (change.NewState == MqttConnectionState.Connected)
            {
                first.TrySetResult(LoginOutcome.Accepted);
            }
            else if (change.NewState == MqttConnectionState.Disconnected && change.Error is MqttConnectionRefusedException)
            {
                first.TrySetResult(LoginOutcome.Refused);
            }
        }

        client.StateChanged += OnState;
        LoginOutcome outcome;
        try
        {
            await client.StartAsync(cancellationToken);
            outcome = await first.Task.WaitAsync(TimeSpan.FromSeconds(8), cancellationToken);
        }
        catch (TimeoutException)
        {
            outcome = LoginOutcome.Unreachable;
        }
        catch
        {
            // The page went away mid-login: the half-made session must not stay connected.
            await client.DisposeAsync();
            throw;
        }
        finally
        {
            client.StateChanged -= OnState;
        }

        if (outcome != LoginOutcome.Accepted)
        {
            await client.DisposeAsync();
            return (outcome, null);
        }

        clientLogger.Open();

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var session = new LoketSession(token, counter, client, settings, time, SessionEnd(), logger);
        await session.StartReadingAsync(cancellationToken);
        sessions[token] = session;
        LogLogin(logger, counter);
        return (LoginOutcome.Accepted, session);
    }

    /// <summary>The session for a cookie; an expired one is closed and forgotten.</summary>
    public async Task<LoketSession?> FindAsync(string? token)
    {
        if (token is null || !sessions.TryGetValue(token, out var session))
        {
            return null;
        }

        if (time.GetUtcNow() < session.ExpiresAt)
        {
            return session;
        }

        await LogoutAsync(token);
        return null;
    }

    public async Task LogoutAsync(string token)
    {
        if (sessions.TryRemove(token, out var session))
        {
            LogLogout(logger, session.Counter);
            await session.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var token in sessions.Keys.ToList())
        {
            await LogoutAsync(token);
        }
    }

    private DateTimeOffset SessionEnd()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var close = settings.SessionEndTime.Length == 0
            ? TimeOnly.MinValue
            : TimeOnly.ParseExact(settings.SessionEndTime, "HH:mm", CultureInfo.InvariantCulture);
        var day = DateOnly.FromDateTime(now.DateTime);
        var end = day.ToDateTime(close);
        if (end <= now.DateTime)
        {
            end = end.AddDays(1);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loket {Counter} logged in")]
    private static partial void LogLogin(ILogger logger, int counter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loket {Counter} logged out")]
    private static partial void LogLogout(ILogger logger, int counter);
}
