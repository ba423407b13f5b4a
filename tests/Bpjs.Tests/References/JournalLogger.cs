using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Tests.References;

/// <summary>Keeps every log line, as the technician would read it in the journal.</summary>
internal sealed class JournalLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));
}
