using SharpFuzz;

namespace Kiosk.Fuzz;

/// <summary>
/// <c>Kiosk.Fuzz TARGET</c> under afl-fuzz: SharpFuzz's fork server runs the target once per input and reports an
/// exception that escapes it as a crash. Outside afl-fuzz it runs the target once on standard input (replay a finding:
/// <c>Kiosk.Fuzz mqtt &lt; fuzz/findings/mqtt/x</c>). <c>Kiosk.Fuzz --list</c> prints each target and the assemblies
/// ./kiosk.sh fuzz instruments for it.
/// </summary>
internal static class FuzzProgram
{
    public static int Run(string[] args)
    {
        if (args is ["--list"])
        {
            foreach (var target in FuzzTargets.All)
            {
                Console.WriteLine($"{target.Name} {string.Join(' ', target.InstrumentedAssemblies)}");
            }

            return 0;
        }

        if (args is not [var name] || FuzzTargets.Find(name) is not { } chosen)
        {
            Console.Error.WriteLine($"usage: Kiosk.Fuzz TARGET | --list (targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
            return 2;
        }

        // In process, not Fuzzer.OutOfProcess: a target that never returns is caught by the targets' own progress
        // checks (an input that stops making progress throws), and one process per input costs 100x the executions.
        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            chosen.Run(copy.ToArray());
        });
        return 0;
    }
}
