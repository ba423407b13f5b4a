using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>Keeps every log line so tests can check that a lost event or a refused grab was reported.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, formatter(state, exception)));

    public bool Contains(LogLevel level, string fragment) => entries.Any(e => e.Level == level && e.Message.Contains(fragment, StringComparison.Ordinal));
}
