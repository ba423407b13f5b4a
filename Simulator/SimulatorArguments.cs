using Kiosk.Broker;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator;

/// <summary>What the simulator tells the developer about its private broker.</summary>
public static class SimulatorArguments
{
    /// <summary>The private broker's address and every role user with its password: it is a development broker, new at every start.</summary>
    public static void PrintBroker(SimulatorSession session, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var broker = session.Broker;
        output.WriteLine(SimulatorTeks.PrivateBroker(broker.Host, broker.Port, broker.Site, broker.WorkDirectory));
        output.WriteLine(SimulatorTeks.UsersTitle);
        foreach (var user in broker.Credentials.Values.OrderBy(c => c.Username, StringComparer.Ordinal))
        {
            output.WriteLine($"  {user.Username,-10} {user.Password}");
        }

        var display = broker.For(BrokerRoles.Display);
        output.WriteLine(SimulatorTeks.WatchTopics(broker.Host, broker.Port, display.Username, display.Password, broker.Site));
        output.WriteLine();
    }
}
