namespace Kiosk.District.Cluster;

/// <summary>Files that hold a secret are created 0600 from their first byte.</summary>
internal static class SetupFiles
{
    public static void WriteSecret(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.Write(text);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
