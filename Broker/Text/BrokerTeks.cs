namespace Kiosk.Broker.Text;

/// <summary>
/// What the private broker tells the technician or developer who starts it (the simulator and the test harnesses), in
/// Bahasa Indonesia. Mosquitto's own log lines are quoted as they are.
/// </summary>
public static class BrokerTeks
{
    public static string ClientIdPluginMissing(string plugin) =>
        $"Plugin client-id Mosquitto tidak ada di {plugin}. Plugin itu dibangun oleh 'dotnet build' dengan gcc dan libmosquitto-dev: jalankan ./kiosk.sh test atau ./kiosk.sh run, yang memasangnya.";
}
