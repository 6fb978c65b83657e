// placeholder until the language lands
