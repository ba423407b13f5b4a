using System.Reflection;
using Kiosk.Device.Configuration;
using Kiosk.Device.Hosting;
using Kiosk.Device.Tools;
using Kiosk.Queue.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Device.Tests.Units;

/// <summary>
/// A wrong enum setting names its choices. The Native AOT kiosk cannot find an enum by the binder's type name, so
/// ConfigurationErrors keeps the list of setting enums: it must hold every enum the options can bind.
/// </summary>
public sealed class SettingEnumTests
{
    [Fact]
    public void Every_enum_a_setting_can_hold_is_in_the_list()
    {
        var bound = EnumsReachableFrom(typeof(KioskOptions)).Concat(EnumsReachableFrom(typeof(QueueEngineOptions)));

        Assert.Empty(bound.Except(ConfigurationErrors.SettingEnums).Select(type => type.FullName));
    }

    [Fact]
    public void A_wrong_enum_value_names_the_choices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Queue:ReturnPlacement"] = "Belakang" }).Build();

        var failure = Record.Exception(() => KioskHost.QueueSection(configuration));

        var problem = Assert.Single(ConfigurationErrors.Describe(Assert.IsType<InvalidOperationException>(failure), configuration)!);
        Assert.Contains("Queue:ReturnPlacement: 'Belakang' tidak dapat dibaca; tulis salah satu dari End, Front, AfterWaiting", problem, StringComparison.Ordinal);
    }

    private static HashSet<Type> EnumsReachableFrom(Type root)
    {
        var enums = new HashSet<Type>();
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            if (type.IsEnum)
            {
                enums.Add(type);
                continue;
            }

            // Lists and dictionaries of settings, and records bound through their constructor (ServiceRequirement).
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (type.Namespace?.StartsWith("Kiosk.", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }

                foreach (var parameter in type.GetConstructors().SelectMany(constructor => constructor.GetParameters()))
                {
                    pending.Push(parameter.ParameterType);
                }
            }
        }

        return enums;
    }
}
