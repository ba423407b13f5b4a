using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Microsoft.Extensions.Time.Testing;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

/// <summary>The test clock: the engine must only ever use time through TimeProvider.</summary>
public static class TestClock
{
    /// <summary>
    /// A FakeTimeProvider at <paramref name="start"/>. Tests move it with Advance, or with AdjustTime where the clock
    /// jumps back as an NTP correction would. The machine zone must never matter: it is one that no site uses.
    /// </summary>
    public static FakeTimeProvider At(DateTimeOffset start)
    {
        var time = new FakeTimeProvider(start);
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        return time;
    }
}

/// <summary>A temp folder with a real database file, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "queue-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Db => System.IO.Path.Combine(Path, "tickets.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed mid-write may still hold a file for a moment; the OS cleans /tmp.
        }
    }
}

public static class TestSite
{
    public static readonly DateTimeOffset Morning = new(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(7));

    /// <summary>Two registration services, three polis, counters L1 (A+B), L2 (A+B), L3 (B), P1 (Poli Umum).</summary>
    public static QueueEngineOptions Options(string db, string zone = "Asia/Jakarta", Action<QueueEngineOptions>? tweak = null)
    {
        var options = new QueueEngineOptions { DatabasePath = db, SiteId = "pkm-test", TimeZoneId = zone };
        var a = new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS", SopTarget = TimeSpan.FromMinutes(5) };
        a.Requirements.Add(new ServiceRequirement("Kartu BPJS/KIS"));
        a.Requirements.Add(new ServiceRequirement("KTP dan Kartu Keluarga", PatientCategory.Baru));
        a.Requirements.Add(new ServiceRequirement("Kartu berobat", PatientCategory.Lama));
        options.Services.Add(a);
        var b = new ServiceOptions { Code = "B", Prefix = "B", Name = "Pendaftaran Umum", SopTarget = TimeSpan.FromMinutes(10) };
        b.Requirements.Add(new ServiceRequirement("KTP", Payer: Payer.Umum));
        options.Services.Add(b);
        options.Polis.Add(new PoliOptions { Code = "UMUM", Prefix = "P", Name = "Poli Umum" });
        options.Polis.Add(new PoliOptions { Code = "GIGI", Prefix = "G", Name = "Poli Gigi dan Mulut" });
        options.Polis.Add(new PoliOptions { Code = "KIA", Prefix = "K", Name = "KIA" });
        options.Counters.Add(Counter("L1", "Loket 1", "A", "B"));
        options.Counters.Add(Counter("L2", "Loket 2", "A", "B"));
        options.Counters.Add(Counter("L3", "Loket 3", "B"));
        options.Counters.Add(Counter("P1", "Ruang Poli Umum", "UMUM"));
        tweak?.Invoke(options);
        return options;
    }

    public static CounterOptions Counter(string id, string name, params string[] services)
    {
        var counter = new CounterOptions { Id = id, Name = name };
        foreach (var s in services)
        {
            counter.Services.Add(s);
        }

        return counter;
    }

    public static IssueRequest Request(string service = "A", PriorityKind priority = PriorityKind.None, CardData? card = null) =>
        new(service, PatientCategory.Lama, Payer.Bpjs, priority, 1, card, card is null ? TicketSource.Button : TicketSource.Scan);
}

/// <summary>An engine on a temp file with a manual clock, plus helpers that read like the loket.</summary>
public sealed class EngineHarness : IDisposable
{
    private int _commands;

    public EngineHarness(string zone = "Asia/Jakarta", DateTimeOffset? start = null, Action<QueueEngineOptions>? tweak = null)
    {
        Dir = new TempDir();
        Time = TestClock.At(start ?? TestSite.Morning);
        Options = TestSite.Options(Dir.Db, zone, tweak);
        Engine = QueueEngine.Open(Options, Time, null);
    }

    public TempDir Dir { get; }
    public FakeTimeProvider Time { get; }
    public QueueEngineOptions Options { get; }
    public QueueEngine Engine { get; private set; }

    /// <summary>Issues and marks printed: a ticket the patient holds.</summary>
    public Ticket Issue(string service = "A", PriorityKind priority = PriorityKind.None, CardData? card = null)
    {
        var result = Engine.IssueTicket(TestSite.Request(service, priority, card));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.True(Engine.MarkPrinted(result.Ticket.Id).Succeeded);
        return Engine.FindTicket(result.Ticket.Id)!;
    }

    public CommandResult Run(string counter, CommandType kind, Func<CounterCommand, CounterCommand>? with = null)
    {
        var command = new CounterCommand($"cmd-{Interlocked.Increment(ref _commands)}", counter, kind);
        return Engine.Execute(with is null ? command : with(command));
    }

    public CommandResult Ok(string counter, CommandType kind, Func<CounterCommand, CounterCommand>? with = null)
    {
        var result = Run(counter, kind, with);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result;
    }

    public void Reopen()
    {
        Engine.Dispose();
        Engine = QueueEngine.Open(Options, Time, null);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Dir.Dispose();
    }
}

/// <summary>Keeps what the engine logs, to check the operator sees the right line once.</summary>
public sealed class CapturingLogger : Microsoft.Extensions.Logging.ILogger
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries => _entries.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
        Exception? exception, Func<TState, Exception?, string> formatter) => _entries.Enqueue((logLevel, formatter(state, exception)));
}
