namespace Kiosk.District.Dinkes;

/// <summary><c>user add NAME</c>: a Dinkes staff account (web helper fills this).</summary>
public static class UserCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length == 0 ? 64 : 64);
}
