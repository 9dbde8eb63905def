r_auto = "never-wins"
