package com.example.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A customer's account; its balance goes down with every order. */
@Entity
@Table(name = "account")
public class Account {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String owner;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal balance;

  protected Account() {} // for JPA

  public Long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }

  public BigDecimal getBalance() {
    return balance;
  }

  void charge(BigDecimal amount) {
    if (balance.compareTo(amount) < 0) {
      throw new InsufficientBalanceException(id, amount);
    }
    balance = balance.subtract(amount);
  }
}
