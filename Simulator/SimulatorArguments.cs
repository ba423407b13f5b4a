using Kiosk.Broker;

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
        output.WriteLine($"Broker MQTT pribadi: {broker.Host}:{broker.Port}, situs '{broker.Site}' (folder {broker.WorkDirectory})");
        output.WriteLine("User per peran (password baru setiap kali dijalankan):");
        foreach (var user in broker.Credentials.Values.OrderBy(c => c.Username, StringComparer.Ordinal))
        {
            output.WriteLine($"  {user.Username,-10} {user.Password}");
        }

        var display = broker.For(BrokerRoles.Display);
        output.WriteLine($"Lihat topik antrean seperti layar ruang tunggu: mosquitto_sub -h {broker.Host} -p {broker.Port} -u {display.Username} -P {display.Password} -t 'queue/{broker.Site}/#' -v");
        output.WriteLine();
    }
}
