"""User accounts (argon2id sign-in) and access: roles, permissions and the one check before
every write. May import models, services.safety and the kernel.
"""
