using System.Globalization;
using System.Text;
using Kiosk.Queue.Statistics;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Scenarios;

/// <summary>What a scenario run found: the kiosk's own recap, the run's counts, SOP compliance and broken invariants.</summary>
public sealed class ScenarioReport
{
    public required string Scenario { get; init; }

    /// <summary>The kiosk's recap of the day, read after the day close when the scenario crosses it.</summary>
    public required DailyRecap Recap { get; init; }

    /// <summary>The day close, when the scenario has a closing time.</summary>
    public DayCloseOutcome? DayClose { get; init; }

    public required int Patients { get; init; }

    public required int TicketsPrinted { get; init; }

    public required int PrintFailures { get; init; }

    public required int Refusals { get; init; }

    public required int WentHome { get; init; }

    public required int Commands { get; init; }

    /// <summary>Tickets still waiting when the last loket went home: zero when every patient was seen.</summary>
    public required int WaitingAtEnd { get; init; }

    public required int EventsCommitted { get; init; }

    public required int EventsReceived { get; init; }

    public required int DuplicateDeliveries { get; init; }

    public required IReadOnlyList<string> BrokenInvariants { get; init; }

    public required TimeSpan WallTime { get; init; }

    public required long KioskMemoryBytes { get; init; }

    public double EventsPerSecond => EventsCommitted / Math.Max(0.001, WallTime.TotalSeconds);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(SimulatorTeks.Skenario.ReportTitle(Scenario, Recap.BusinessDay));
        text.AppendLine(SimulatorTeks.Skenario.Arrivals(Patients, TicketsPrinted, PrintFailures, Refusals, WentHome));
        if (DayClose is { } close)
        {
            text.AppendLine(SimulatorTeks.Skenario.DayClose(close.ClosedAt, close.DayClosed, close.WaitingAtClose, close.RecapFile, close.RecapEventsReceived, close.RecapEventsCommitted));
        }

        text.AppendLine(SimulatorTeks.Skenario.Recap(DayClose is not null, Recap.Issued, Recap.Served, Recap.Transferred, Recap.NoShow, Recap.Emergency, Recap.Cancelled, Recap.Expired, Recap.Voided));
        text.AppendLine(SimulatorTeks.Skenario.SopTitle);
        foreach (var service in Recap.Services.Where(s => s.Issued > 0))
        {
            text.AppendLine(SimulatorTeks.Skenario.SopLine(service.Code, service.Name, service.Issued, service.Times.AverageWait, service.Times.AverageService, service.SopTarget, service.Times.WithinTargetShare));
        }

        text.AppendLine(SimulatorTeks.Skenario.WaitingAtEnd(WaitingAtEnd));
        text.AppendLine(SimulatorTeks.Skenario.Events(EventsCommitted, EventsReceived, DuplicateDeliveries, Commands));
        text.AppendLine(SimulatorTeks.Skenario.Cost(WallTime, EventsPerSecond, KioskMemoryBytes));
        if (BrokenInvariants.Count == 0)
        {
            text.AppendLine(SimulatorTeks.Skenario.InvariantsKept);
        }
        else
        {
            text.AppendLine(SimulatorTeks.Skenario.InvariantsBroken(BrokenInvariants.Count));
            foreach (var broken in BrokenInvariants)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {broken}");
            }
        }

        return text.ToString();
    }
}
