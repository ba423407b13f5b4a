using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>axe-core (Deque's engine, bundled by Deque.AxeCore.Playwright) on a page as a person sees it now.</summary>
internal static class Accessibility
{
    /// <summary>The serious and critical violations, one line each (rule, what it means, where), for the failure message.</summary>
    public static async Task<IReadOnlyList<string>> SeriousOrCriticalAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")];
    }
}
