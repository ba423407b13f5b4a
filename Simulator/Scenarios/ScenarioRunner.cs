using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Input;
using Kiosk.Device.Printing;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Queue.Configuration;
using Kiosk.Simulator.Devices;
using Kiosk.Simulator.Messaging;
using Microsoft.Extensions.Configuration;
using Kiosk.Device.DayClose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Kiosk.Simulator.Text;
using Kiosk.Contract.Text;
using Kiosk.Contract.Commands;

namespace Kiosk.Simulator.Scenarios;

/// <summary>
/// Plays a scenario through the real stack: a private Mosquitto, the real kiosk host on simulated hardware, every
/// loket as its own counter-N MQTT user. The day is a list of timed happenings (an arrival, a loket free again, a
/// fault); the runner takes the earliest, moves the kiosk's clock to it, does it and waits for the kiosk's answer, so
/// a day passes as fast as the kiosk can commit and the broker can deliver, and every timestamp is the simulated one.
/// </summary>
public sealed class ScenarioRunner(Scenario scenario, TextWriter progress)
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(30);
    private readonly PriorityQueue<Happening, (DateTimeOffset, long)> agenda = new();
    private readonly Dictionary<int, CounterDesk> desks = [];
    private readonly Dictionary<int, HashSet<string>> servesByCounter = [];
    private readonly HashSet<int> idle = [];
    private readonly Dictionary<string, Patient> byNumber = new(StringComparer.Ordinal);
    private readonly List<Happening> deferred = [];
    private readonly Queue<TimedEvent> emergencies = new();
    private Random random = new(1);
    private SimulatorSession? session;
    private long order;
    private bool brokerUp = true;
    private int printed;
    private int printFailures;
    private int refusals;
    private int wentHome;
    private int commands;

    public Task<ScenarioReport> RunAsync(string dataDirectory, CancellationToken cancellationToken) => RunAsync(dataDirectory, null, cancellationToken);

    /// <summary>
    /// Runs once the day's events have reached the broker's subscribers, while the kiosk still runs: the front panel's
    /// BPJS bridge drains its reports then (it asks the kiosk for each card, so it must finish before the kiosk stops).
    /// </summary>
    public Func<CancellationToken, Task>? BeforeKioskStops { get; set; }

    /// <summary>
    /// The broker the day needs: the scenario's site and one user per loket. A caller that passes its own broker to
    /// <see cref="RunAsync(string, PrivateBroker?, CancellationToken)"/> (a simulated Puskesmas whose district link
    /// reads the same broker) starts it with these.
    /// </summary>
    public PrivateBrokerOptions BrokerOptions()
    {
        var config = Configuration();
        return new PrivateBrokerOptions { Site = config["Kiosk:Site:Id"] ?? "dev", CounterCount = config.GetSection("Queue:Counters").GetChildren().Count() };
    }

    /// <summary>Plays the day; on <paramref name="siteBroker"/> when given (the caller owns it), else on a broker of its own.</summary>
    public async Task<ScenarioReport> RunAsync(string dataDirectory, PrivateBroker? siteBroker, CancellationToken cancellationToken)
    {
        random = new Random(scenario.Seed);
        var config = Configuration();
        var site = config["Kiosk:Site:Id"] ?? "dev";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config["Kiosk:Site:TimeZone"] ?? "Asia/Jakarta");
        var day = scenario.BusinessDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime));
        DateTimeOffset At(string timeOfDay)
        {
            var local = day.ToDateTime(TimeOnly.Parse(timeOfDay, CultureInfo.InvariantCulture));
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var clock = new SimulatorClock();
        clock.AdvanceTo(At(scenario.Arrivals.Min(a => TimeOnly.Parse(a.From, CultureInfo.InvariantCulture)).AddMinutes(-5).ToString("HH:mm", CultureInfo.InvariantCulture)));
        var wall = Stopwatch.StartNew();
        await using var ownBroker = siteBroker is null ? await PrivateBroker.StartAsync(BrokerOptions(), cancellationToken) : null;
        var broker = siteBroker ?? ownBroker!;

        // The observer connects before the kiosk exists, so it sees the day from its first event.
        await using var observer = await EventObserver.StartAsync(broker, site, cancellationToken);
        var overrides = new Dictionary<string, string>(scenario.Settings, StringComparer.Ordinal)
        {
            // Patients come one at a time here; the double-press lock-out is for fingers, not for the runner.
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = "0",
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
            // The report says what happened; the kiosk's refusals during a fault would bury it.
            ["Logging:LogLevel:Default"] = "Error",
        };
        if (scenario.DayClose.Length > 0)
        {
            overrides["Kiosk:DayCloseTime"] = scenario.DayClose;
        }

        await using var running = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = dataDirectory, Overrides = overrides, Broker = broker, Clock = clock }, cancellationToken);
        session = running;
        var queue = running.Services.GetRequiredService<QueueEngineOptions>();
        var prefixes = queue.Services.Select(s => (s.Prefix, s.Code)).Concat(queue.Polis.Select(p => (p.Prefix, p.Code))).ToDictionary(p => p.Prefix, p => p.Code, StringComparer.Ordinal);
        var polis = queue.Polis.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var counter in queue.Counters)
        {
            var id = int.Parse(counter.Id, CultureInfo.InvariantCulture);
            servesByCounter[id] = counter.Services.ToHashSet(StringComparer.Ordinal);
            desks[id] = await CounterDesk.ConnectAsync(broker, site, id, clock, cancellationToken);
            idle.Add(id);
        }

        var poliChoices = scenario.Polis.Where(p => servesByCounter.Values.Any(s => s.Contains(p.Key))).ToList();
        try
        {
            var patients = Plan(At, running, poliChoices);
            foreach (var emergency in scenario.Emergencies)
            {
                Schedule(At(emergency.At), new Happening(HappeningKind.Emergency, Event: emergency));
            }

            foreach (var fault in scenario.PrinterFaults)
            {
                Schedule(At(fault.At), new Happening(HappeningKind.PrinterFault, Event: fault));
            }

            foreach (var outage in scenario.BrokerOutages)
            {
                Schedule(At(outage.At), new Happening(HappeningKind.BrokerDown, Event: outage));
            }

            progress.WriteLine(SimulatorTeks.Skenario.Progress(scenario.Name, patients, desks.Count, day, broker.Port));
            for (var sweep = 0; sweep < 3; sweep++)
            {
                while (agenda.TryDequeue(out var next, out var when))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    clock.AdvanceTo(when.Item1);
                    await DoAsync(next, when.Item1, prefixes, polis, cancellationToken);
                }

                // A ticket reprinted after the lokets went idle is callable now: the lokets look once more.
                if (running.Engine.GetSnapshot().Services.Sum(s => s.WaitingCount) == 0)
                {
                    break;
                }

                WakeAll(clock.GetUtcNow());
            }

            var close = scenario.DayClose.Length > 0 ? await CloseDayAsync(running, clock, At(scenario.DayClose), day, dataDirectory, cancellationToken) : null;
            var committed = running.Engine.ReadEvents(0, int.MaxValue);
            await observer.WaitForAsync(committed.Count == 0 ? 0 : committed[^1].Sequence, Answer);
            if (BeforeKioskStops is { } beforeStop)
            {
                await beforeStop(cancellationToken);
            }
            var broken = observer.BrokenInvariants(committed).ToList();
            if (close is not null)
            {
                close = close with { RecapEventsReceived = observer.Count(Kiosk.Contract.Events.EventTypes.DayRecap) };
                broken.AddRange(close.Broken());
            }

            var numbers = running.Engine.TodayTickets().GroupBy(t => t.Number, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => SimulatorTeks.Skenario.NumberTwiceInLog(g.Key, g.Count()));
            broken.AddRange(numbers);
            wall.Stop();
            using var self = Process.GetCurrentProcess();
            return new ScenarioReport
            {
                Scenario = scenario.Name,
                Recap = running.Engine.GetDailyRecap(day),
                DayClose = close,
                Patients = patients,
                TicketsPrinted = printed,
                PrintFailures = printFailures,
                Refusals = refusals,
                WentHome = wentHome,
                Commands = commands,
                WaitingAtEnd = close?.WaitingAtClose ?? running.Engine.GetSnapshot().Services.Sum(s => s.WaitingCount),
                EventsCommitted = committed.Count,
                EventsReceived = observer.Received,
                DuplicateDeliveries = observer.Duplicates,
                BrokenInvariants = broken,
                WallTime = wall.Elapsed,
                KioskMemoryBytes = self.WorkingSet64,
            };
        }
        finally
        {
            foreach (var desk in desks.Values)
            {
                await desk.DisposeAsync();
            }

            if (!broker.IsRunning)
            {
                await broker.RestartAsync(CancellationToken.None);
            }
        }
    }

    private IConfigurationRoot Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: false)
        .AddInMemoryCollection(scenario.Settings!)
        .Build();

    /// <summary>
    /// Crosses the closing time: moves the kiosk's clock to it and runs the kiosk's own day-close check at once (its
    /// loop would run the same check at its next tick, up to 20 s of real time later). The loop may get there first;
    /// either way the day must be closed, the recap files written and the <c>day.recap</c> event committed.
    /// </summary>
    private static async Task<DayCloseOutcome> CloseDayAsync(SimulatorSession running, SimulatorClock clock, DateTimeOffset closeAt, DateOnly day, string dataDirectory, CancellationToken cancellationToken)
    {
        var waiting = running.Engine.GetSnapshot().Services.Sum(s => s.WaitingCount);
        clock.AdvanceTo(closeAt);
        var check = running.Services.GetServices<IHostedService>().OfType<DayCloseService>().Single();
        await check.CheckAsync(cancellationToken);
        var recapEvents = running.Engine.ReadEvents(0, int.MaxValue).Count(e => e.Type == Kiosk.Contract.Events.EventTypes.DayRecap);
        return new DayCloseOutcome(
            closeAt,
            running.Engine.GetSnapshot().DayClosed,
            waiting,
            File.Exists(RecapFiles.CsvPath(dataDirectory, day)) ? RecapFiles.CsvPath(dataDirectory, day) : null,
            recapEvents,
            RecapEventsReceived: 0);
    }

    private int Plan(Func<string, DateTimeOffset> at, SimulatorSession running, List<KeyValuePair<string, double>> poliChoices)
    {
        var buttons = running.KioskOptions.Buttons.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var count = 0;
        foreach (var wave in scenario.Arrivals)
        {
            if (!buttons.TryGetValue(wave.Button, out var button))
            {
                throw new ScenarioException(SettingTeks.Line("arrivals.button", SettingTeks.OneOf(buttons.Keys, wave.Button)));
            }

            var from = at(wave.From);
            var length = at(wave.To) - from;
            var arrivals = (int)Math.Round(wave.PerHour * length.TotalHours);
            for (var i = 0; i < arrivals; i++)
            {
                count++;
                var isNew = random.NextDouble() < scenario.NewPatientShare;
                string? scan = null;
                if (!isNew && button.Priority is "None" or "" && random.NextDouble() < scenario.ScanShare)
                {
                    // Returning patients carry a card: BPJS patients their BPJS/KIS card, the others their kartu berobat.
                    scan = button.Payer == "Bpjs"
                        ? string.Create(CultureInfo.InvariantCulture, $"000{random.NextInt64(1_000_000_000, 9_999_999_999)}")
                        : string.Create(CultureInfo.InvariantCulture, $"RM{count:000000}");
                }

                var patient = new Patient(
                    count,
                    button.Id,
                    scan,
                    isNew,
                    random.NextDouble() < scenario.NoShowRate,
                    random.NextDouble() < scenario.TransferShare ? Pick(poliChoices) : null,
                    Minutes(isNew ? scenario.NewPatientMinutes : scenario.ReturningPatientMinutes),
                    Minutes(scenario.PoliMinutes));
                Schedule(from + (length * random.NextDouble()), new Happening(HappeningKind.Arrival, Patient: patient));
            }
        }

        return count;
    }

    private async Task DoAsync(Happening happening, DateTimeOffset now, Dictionary<string, string> prefixes, HashSet<string> polis, CancellationToken cancellationToken)
    {
        var running = session!;
        switch (happening.Kind)
        {
            case HappeningKind.Arrival:
                await ArriveAsync(happening.Patient!, now, prefixes);
                break;
            case HappeningKind.CounterFree when !brokerUp:
            case HappeningKind.Done when !brokerUp:
                // The lokets cannot reach the kiosk; they carry on when the broker is back.
                deferred.Add(happening);
                break;
            case HappeningKind.CounterFree:
                await CallNextAsync(happening.Counter, now, prefixes, polis, cancellationToken);
                break;
            case HappeningKind.Done:
                await FinishAsync(happening, now, prefixes, polis, cancellationToken);
                break;
            case HappeningKind.Emergency:
                emergencies.Enqueue(happening.Event!);
                WakeFor("UGD", now);
                break;
            case HappeningKind.PrinterFault when happening.Event!.State == PrinterStates.FailNextJob:
                // The next ticket fails mid-print; a minute later the technician has re-seated the cable.
                running.Printer.FailNextJob(PrintFailureKind.Disconnected, SimulatorTeks.Panel.CablePulled);
                Schedule(now.AddMinutes(Math.Max(1, happening.Event.Minutes)), new Happening(HappeningKind.PrinterFixed));
                break;
            case HappeningKind.PrinterFault:
                running.SetPrinter(PrinterStates.Parse(happening.Event.State) ?? throw new ScenarioException(SettingTeks.Line("printerFaults.state", SettingTeks.OneOf([.. PrinterStates.Names, PrinterStates.FailNextJob], happening.Event.State))));
                await WaitForPrinterAsync(running, ready: happening.Event.State == PrinterStates.PaperNearEnd, cancellationToken);
                Schedule(now.AddMinutes(happening.Event.Minutes), new Happening(HappeningKind.PrinterFixed));
                break;
            case HappeningKind.PrinterFixed:
                // The kiosk notices at its next status poll (a second of real time, minutes of a simulated day): wait
                // for it here, so the day does not run on while the kiosk has not yet looked.
                running.SetPrinter(VirtualPrinterState.Ok);
                await WaitForPrinterAsync(running, ready: true, cancellationToken);

                // Tickets that failed to print were reprinted on the way: they are callable now.
                WakeAll(now);
                break;
            case HappeningKind.BrokerDown:
                await running.Broker.StopAsync();
                brokerUp = false;
                Schedule(now.AddMinutes(happening.Event!.Minutes), new Happening(HappeningKind.BrokerUp));
                break;
            case HappeningKind.BrokerUp:
                await running.Broker.RestartAsync(cancellationToken);
                await Task.WhenAll(desks.Values.Select(d => d.WaitConnectedAsync(Answer, cancellationToken)));

                brokerUp = true;
                foreach (var waiting in deferred)
                {
                    Schedule(now, waiting);
                }

                deferred.Clear();
                break;
        }
    }

    private async Task ArriveAsync(Patient patient, DateTimeOffset now, Dictionary<string, string> prefixes)
    {
        var running = session!;
        var source = patient.Scan is null ? patient.Button : "scan";
        var answered = new TaskCompletionSource<KioskActivityEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, KioskActivityEventArgs e)
        {
            // A press taken while another ticket prints is told so first; its outcome comes when it is printed.
            if (e.Source == source && e.Kind != KioskActivity.QueuedKind)
            {
                answered.TrySetResult(e);
            }
        }

        running.Activity.Happened += Handler;
        try
        {
            if (patient.Scan is null)
            {
                running.Buttons.Press(patient.Button);
            }
            else
            {
                running.Scanner.Scan(patient.Scan);
            }

            var outcome = await answered.Task.WaitAsync(Answer);
            switch (outcome.Kind)
            {
                case nameof(Device.Ticketing.IssueOutcomeKind.Printed) or nameof(Device.Ticketing.IssueOutcomeKind.PrintFailed) when outcome.Number is { } number:
                    if (outcome.Kind == nameof(Device.Ticketing.IssueOutcomeKind.Printed))
                    {
                        printed++;
                    }
                    else
                    {
                        printFailures++;
                    }

                    byNumber[number] = patient;
                    WakeFor(ServiceOf(number, prefixes), now);
                    break;
                default:
                    // Refused (printer fault, quota): the patient tries again a little later, then gives up.
                    refusals++;
                    if (patient.Tries < 5)
                    {
                        Schedule(now.AddMinutes(3), new Happening(HappeningKind.Arrival, Patient: patient with { Tries = patient.Tries + 1 }));
                    }
                    else
                    {
                        wentHome++;
                    }

                    break;
            }
        }
        finally
        {
            running.Activity.Happened -= Handler;
        }
    }

    private async Task CallNextAsync(int counter, DateTimeOffset now, Dictionary<string, string> prefixes, HashSet<string> polis, CancellationToken cancellationToken)
    {
        if (emergencies.Count > 0 && servesByCounter[counter].Contains("UGD"))
        {
            var emergency = emergencies.Dequeue();
            var reply = await SendAsync(counter, CommandType.Emergency, new Dictionary<string, string>
            {
                ["service"] = "UGD",
                ["familySize"] = FamilySize().ToString(CultureInfo.InvariantCulture),
                ["reason"] = string.IsNullOrEmpty(emergency.Reason) ? SimulatorTeks.Skenario.DefaultEmergencyReason : emergency.Reason,
            }, cancellationToken);
            if (Ok(reply))
            {
                Schedule(now.AddMinutes(Minutes(scenario.PoliMinutes)), new Happening(HappeningKind.Done, Counter: counter));
                return;
            }
        }

        var call = await SendAsync(counter, CommandType.CallNext, null, cancellationToken);
        if (!Ok(call) || call.Ticket?.Number is not { } number)
        {
            idle.Add(counter);
            return;
        }

        var patient = byNumber.GetValueOrDefault(number);
        if (patient is null || patient.NoShow)
        {
            await SendAsync(counter, CommandType.NoShow, null, cancellationToken);
            Schedule(now.AddMinutes(1), new Happening(HappeningKind.CounterFree, Counter: counter));
            return;
        }

        var poliStage = polis.Contains(ServiceOf(number, prefixes));
        Schedule(now.AddMinutes(poliStage ? patient.PoliMinutes : patient.RegistrationMinutes), new Happening(HappeningKind.Done, Counter: counter, Patient: patient, Number: number));
    }

    private async Task FinishAsync(Happening done, DateTimeOffset now, Dictionary<string, string> prefixes, HashSet<string> polis, CancellationToken cancellationToken)
    {
        var patient = done.Patient;
        var atRegistration = done.Number is { } number && !polis.Contains(ServiceOf(number, prefixes));
        if (patient?.Poli is { } poli && atRegistration)
        {
            var reply = await SendAsync(done.Counter, CommandType.Transfer, new Dictionary<string, string> { ["poli"] = poli }, cancellationToken);
            if (Ok(reply) && reply.NewTicket?.Number is { } poliNumber)
            {
                byNumber[poliNumber] = patient;
                WakeFor(poli, now);
            }
        }
        else
        {
            await SendAsync(done.Counter, CommandType.Serve, null, cancellationToken);
        }

        Schedule(now, new Happening(HappeningKind.CounterFree, Counter: done.Counter));
    }

    private async Task<Kiosk.Contract.Commands.CounterReply> SendAsync(int counter, CommandType type, Dictionary<string, string>? fields, CancellationToken cancellationToken)
    {
        commands++;
        return await desks[counter].SendAsync(type, fields, Answer, cancellationToken);
    }

    private void WakeFor(string service, DateTimeOffset now)
    {
        foreach (var counter in idle.Where(c => servesByCounter[c].Contains(service)).ToList())
        {
            idle.Remove(counter);
            Schedule(now, new Happening(HappeningKind.CounterFree, Counter: counter));
        }
    }

    /// <summary>
    /// Waits (bounded) until the kiosk has seen the printer's new state at its status poll: a second of real time is
    /// minutes of a simulated day, and the day must not run on before the kiosk has looked.
    /// </summary>
    private static async Task WaitForPrinterAsync(SimulatorSession running, bool ready, CancellationToken cancellationToken)
    {
        var health = running.Services.GetRequiredService<PrinterHealth>();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, PrinterStatus status)
        {
            if (health.CanAcceptTickets == ready)
            {
                seen.TrySetResult();
            }
        }

        health.Changed += OnChanged;
        try
        {
            // Asked after subscribing, so a change in between is not missed.
            if (health.CanAcceptTickets != ready)
            {
                await seen.Task.WaitAsync(Answer, cancellationToken);
            }
        }
        catch (TimeoutException)
        {
            // The kiosk has not looked within Answer: the day runs on, and the report's invariants judge what followed.
        }
        finally
        {
            health.Changed -= OnChanged;
        }
    }

    private void WakeAll(DateTimeOffset now)
    {
        foreach (var counter in idle)
        {
            Schedule(now, new Happening(HappeningKind.CounterFree, Counter: counter));
        }

        idle.Clear();
    }

    private void Schedule(DateTimeOffset when, Happening happening) => agenda.Enqueue(happening, (when, order++));

    private static bool Ok(Kiosk.Contract.Commands.CounterReply reply) => reply.Ok;

    private static string ServiceOf(string number, Dictionary<string, string> prefixes)
    {
        var dash = number.IndexOf('-', StringComparison.Ordinal);
        return prefixes.GetValueOrDefault(dash > 0 ? number[..dash] : number[..1], string.Empty);
    }

    private double Minutes(MinuteRange range) => range.Min + ((range.Max - range.Min) * random.NextDouble());

    private int FamilySize()
    {
        var roll = random.NextDouble() * scenario.FamilySizes.Values.Sum();
        foreach (var (size, share) in scenario.FamilySizes)
        {
            roll -= share;
            if (roll <= 0)
            {
                return int.Parse(size, CultureInfo.InvariantCulture);
            }
        }

        return 1;
    }

    private string? Pick(List<KeyValuePair<string, double>> choices)
    {
        if (choices.Count == 0)
        {
            return null;
        }

        var roll = random.NextDouble() * choices.Sum(c => c.Value);
        foreach (var (code, weight) in choices)
        {
            roll -= weight;
            if (roll <= 0)
            {
                return code;
            }
        }

        return choices[^1].Key;
    }

    private enum HappeningKind
    {
        Arrival,
        CounterFree,
        Done,
        Emergency,
        PrinterFault,
        PrinterFixed,
        BrokerDown,
        BrokerUp,
    }

    private sealed record Happening(HappeningKind Kind, Patient? Patient = null, int Counter = 0, string? Number = null, TimedEvent? Event = null);

    private sealed record Patient(int Index, string Button, string? Scan, bool IsNew, bool NoShow, string? Poli, double RegistrationMinutes, double PoliMinutes, int Tries = 0);
}
