using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kiosk.District.Tests.Cluster;

/// <summary>
/// What a NATS client logged: the client reports the server's <c>-ERR</c> lines (a permissions violation) only
/// through its logger, so this is how a test sees the error the server sent.
/// </summary>
internal sealed class CapturedNatsLog : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public bool Contains(string text) => lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));

    public ILogger CreateLogger(string categoryName) => new Logger(lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.Message}");
    }
}
