using Kiosk.Fuzz;

return FuzzProgram.Run(args);
