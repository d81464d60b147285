print("calsync: under construction")
