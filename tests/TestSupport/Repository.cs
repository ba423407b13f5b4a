namespace Kiosk.TestSupport;

/// <summary>The checkout the tests run from: found by walking up from the test binaries to <c>Kiosk.sln</c>.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the checkout, e.g. <c>Repository.Path("Broker", "mosquitto", "site.conf")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kiosk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }
}
